import SitmonScreen

/// A grid of braille cells (2 × 4 dots each) that lines and points are drawn into, then written onto a Screen.
/// Each cell remembers the highest layer drawn into it, which decides its style. Dots outside are dropped.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    private var layers: [UInt8]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        layers = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// The dot bit for each position in a cell, indexed [row][column] (Unicode braille numbering).
    private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (x, y), in dots from the top left, on `layer` (1…255; higher wins the cell's style).
    public mutating func set(x: Int, y: Int, layer: UInt8) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let index = (y / 4) * columns + x / 2
        bits[index] |= Self.dotBits[y % 4][x % 2]
        layers[index] = max(layers[index], layer)
    }

    /// Draws a straight line of dots (Bresenham) between two fractional dot positions; ends that are not finite
    /// draw nothing. Only the part inside the canvas costs anything.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), layer: UInt8) {
        // Clip the segment to the canvas first (Liang–Barsky), so huge coordinates never loop for long.
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let maxX = Double(columns * 2) - 0.001, maxY = Double(rows * 4) - 0.001
        guard maxX > 0, maxY > 0 else { return }
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x), (dx, maxX - a.x), (-dy, a.y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            }
        }
        guard t0 <= t1 else { return }
        var x0 = Int(a.x + t0 * dx), y0 = Int(a.y + t0 * dy)
        let x1 = Int(a.x + t1 * dx), y1 = Int(a.y + t1 * dy)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        let ddx = abs(x1 - x0), ddy = -abs(y1 - y0)
        var error = ddx + ddy
        while true {
            set(x: x0, y: y0, layer: layer)
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= ddy { error += ddy; x0 += stepX }
            if e2 <= ddx { error += ddx; y0 += stepY }
        }
    }

    /// The layer of a cell (0 when nothing was drawn there).
    public func layer(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return layers[row * columns + column]
    }

    /// The braille character of a cell, or nil when it is empty.
    public func character(column: Int, row: Int) -> Character? {
        guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
        let b = bits[row * columns + column]
        guard b != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(b)) else { return nil }
        return Character(scalar)
    }

    /// Writes the drawn cells onto `screen` at (x, y), each in the style of its layer; empty cells are untouched.
    public func draw(on screen: inout Screen, x: Int, y: Int, style: (UInt8) -> Style) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let c = character(column: column, row: row) else { continue }
                screen.write(String(c), x: x + column, y: y + row, style: style(layers[row * columns + column]))
            }
        }
    }
}
