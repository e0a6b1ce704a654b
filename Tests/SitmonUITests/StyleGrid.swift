import SitmonScreen
@testable import SitmonUI

/// A screen's styles as text, for golden files (as ratatui's `assert_buffer_lines` compares styles with the text):
/// a legend, then one line per screen row with one letter per cell naming the cell's style. `.` is the plain
/// style; the other letters are given in order of first appearance, each with the theme's names for that style
/// ("focusedBorder", "selection", …, or "other" for a style the theme does not name) and what it is.
///
///     styles of a 80×24 screen (theme dark)
///     .  text/overlay: plain
///     a  header: fg brightWhite, bg blue, bold
///     b  focusedBorder: fg cyan, bold
///     grid
///     aaaaaaaaaaaa…
enum StyleGrid {
    /// The styles of `screen`, named after `theme`'s; `transform` maps each cell's style first (for instance
    /// `withoutColors`, what the terminal backend draws under NO_COLOR).
    static func describe(_ screen: Screen, theme: Theme, transform: (Style) -> Style = { $0 }) -> String {
        let names = styleNames(theme)
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var assigned: [Style: Character] = [.plain: "."]
        var legend = [".  \(names[.plain]?.joined(separator: "/") ?? "other"): plain"]
        var grid: [String] = []
        for y in 0..<screen.height {
            var row = ""
            for x in 0..<screen.width {
                let style = transform(screen[x, y].style)
                if let letter = assigned[style] {
                    row.append(letter)
                    continue
                }
                let letter = assigned.count - 1 < letters.count ? letters[assigned.count - 1] : "?"
                assigned[style] = letter
                legend.append("\(letter)  \(names[style]?.joined(separator: "/") ?? "other"): \(describe(style))")
                row.append(letter)
            }
            grid.append(row)
        }
        return
            (["styles of a \(screen.width)×\(screen.height) screen (theme \(theme.name))"] + legend + ["grid"] + grid)
            .joined(separator: "\n")
    }

    /// The theme's property names for each of its styles, in declaration order (several names can share a style).
    static func styleNames(_ theme: Theme) -> [Style: [String]] {
        var names: [Style: [String]] = [:]
        for child in Mirror(reflecting: theme).children {
            guard let label = child.label, let style = child.value as? Style else { continue }
            names[style, default: []].append(label)
        }
        return names
    }

    /// "fg cyan, bg blue, bold, reverse, underline, dim" with only what the style sets; "plain" when nothing.
    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg \(style.foreground)") }
        if style.background != .default { parts.append("bg \(style.background)") }
        if style.bold { parts.append("bold") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        if style.dim { parts.append("dim") }
        return parts.isEmpty ? "plain" : parts.joined(separator: ", ")
    }
}
