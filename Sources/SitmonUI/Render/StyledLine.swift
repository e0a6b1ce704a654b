import SitmonScreen

/// A line of text made of styled pieces.
public struct StyledLine: Sendable, Hashable {
    public var spans: [Span]

    public struct Span: Sendable, Hashable {
        public var text: String
        public var style: Style
    }

    public init(_ text: String = "", _ style: Style = .plain) {
        spans = text.isEmpty ? [] : [Span(text: text, style: style)]
    }

    public mutating func add(_ text: String, _ style: Style = .plain) {
        spans.append(Span(text: text, style: style))
    }

    public var plainText: String { spans.map(\.text).joined() }

    /// Draws the line at (x, y), clipped to `width`.
    public func draw(on screen: inout Screen, x: Int, y: Int, width: Int) {
        var column = x
        for span in spans {
            let remaining = x + width - column
            if remaining <= 0 { break }
            column += screen.write(span.text, x: column, y: y, style: span.style, maxWidth: remaining)
        }
    }

    /// The line cut to `width` columns, ending with "…" when something was cut.
    public func truncated(to width: Int) -> StyledLine {
        guard TerminalText.width(of: plainText) > width else { return self }
        var result = StyledLine()
        var room = max(0, width - 1)
        var lastStyle = spans.first?.style ?? .plain
        for span in spans {
            guard room > 0 else { break }
            let w = TerminalText.width(of: span.text)
            let text = w <= room ? span.text : TerminalText.truncated(span.text, to: room, ellipsis: false)
            result.add(text, span.style)
            room -= TerminalText.width(of: text)
            lastStyle = span.style
            if w > TerminalText.width(of: text) { break }
        }
        if width > 0 { result.add("…", lastStyle) }
        return result
    }
}
