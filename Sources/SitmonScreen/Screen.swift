/// An in-memory grid of cells: what `render` produces and the terminal backend draws.
/// Writing outside the grid is clipped, never a crash; every string is sanitised on the way in.
public struct Screen: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should rest (an input field), or nil to hide it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (lhs: Screen, rhs: Screen) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and to the screen. Returns the columns written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        var column = x
        var written = 0
        for character in TerminalText.sanitized(text) {
            let w = TerminalText.width(of: character)
            if w == 0 {
                continue  // combining marks on their own are dropped rather than misaligning columns
            }
            if written + w > limit { break }
            if column >= 0 {
                setCell(x: column, y: y, Cell(text: String(character), width: UInt8(w), style: style))
                if w == 2, column + 1 < width {
                    setCell(x: column + 1, y: y, Cell(text: "", width: 0, style: style))
                }
            }
            column += w
            written += w
        }
        return written
    }

    /// Fills a rectangle with a character (a space by default) in a style. Wide characters cut by the
    /// rectangle's edges are blanked, so no half character is left behind.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .plain) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        let safe = TerminalText.sanitized(String(character))
        let glyph = TerminalText.width(of: safe) == 1 ? safe : " "
        let cell = Cell(text: glyph, width: 1, style: style)
        for row in y0..<y1 {
            for column in x0..<x1 { setCell(x: column, y: row, cell) }
            // A wide character whose second half was just overwritten loses its first half too (done by setCell);
            // one whose first half is the last filled cell leaves a continuation to the right: blank it.
            if x1 < width, cells[row * width + x1].width == 0 {
                cells[row * width + x1] = Cell(text: " ", width: 1, style: cells[row * width + x1].style)
            }
        }
    }

    /// Changes the style of a rectangle, keeping its text.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 { change(&cells[row * width + column].style) }
        }
    }

    private mutating func setCell(x: Int, y: Int, _ cell: Cell) {
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half; a continuation cell written right after
        // its own lead (cell.width == 0) is the second half of a new wide character and blanks nothing.
        if cell.width != 0, cells[index].width == 0, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = Cell(text: " ", width: 1, style: cells[index - 1].style)
        }
        if cells[index].width == 2, x + 1 < width, cell.width != 2 {
            cells[index + 1] = Cell(text: " ", width: 1, style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// The screen as plain text, one string per row, trailing spaces kept: for golden files and tests.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            return line
        }
    }

    /// The screen as text, rows joined by newlines, trailing spaces removed.
    public var text: String {
        lines().map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
