import SitmonCore

/// The detail pane's text laid out for the pane's width, kept in the state (glow's viewport content): laid out
/// again only when the item shown, the width, the view, the data or the theme changes, so that a key which moves
/// nothing in the detail does not lay it out, and `update` (to clamp scrolling) and `render` (to draw) share it.
public struct DetailText: Sendable {
    /// What the lines were laid out from.
    public struct Key: Sendable, Hashable {
        var source: Pane
        var item: Int32?
        var width: Int
        var filter: Filter
        var data: Int
        var theme: Theme
    }

    /// Nil before the first layout.
    let key: Key?
    public let lines: [StyledLine]

    init(key: Key? = nil, lines: [StyledLine] = []) {
        self.key = key
        self.lines = lines
    }
}
