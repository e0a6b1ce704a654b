import SitmonCore
import SitmonScreen

/// The styles of the monitor. Every meaning also carries an attribute (bold, reverse, underline, dim), so it
/// survives on terminals without colour and under NO_COLOR, which win over any theme (the terminal backend drops
/// the colours). Three themes: `dark` (the default), `light` (for a white background) and `mono` (attributes only).
public struct Theme: Sendable, Hashable {
    /// The name used in the configuration file: `dark`, `light` or `mono`.
    public var name: String
    public var text: Style
    public var dim: Style
    public var title: Style
    public var header: Style
    public var headerDim: Style
    public var chip: Style
    public var border: Style
    public var focusedBorder: Style
    public var selection: Style
    public var focusedSelection: Style
    public var coup: Style
    public var critical: Style
    public var warning: Style
    public var label: Style
    public var bar: Style
    public var error: Style
    public var info: Style
    public var key: Style
    public var overlay: Style
    public var newBadge: Style
    /// The marker of a coup in the timeline.
    public var coupMarker: Style
    /// Map: Mali's outline, the neighbours' borders and names (dark values by default; `light` sets its own).
    public var mapOutline = Style(foreground: .brightWhite, bold: true)
    public var mapNeighbour = Style(foreground: .brightBlack, dim: true)
    public var mapNeighbourName = Style(foreground: .brightBlack, dim: true)
    /// Map: located records (braille dots).
    public var mapIncident = Style(foreground: .magenta)
    /// Map: region markers by activity (none, some, the busiest third), and the region names.
    public var mapMarkerQuiet = Style(foreground: .brightBlack)
    public var mapMarker = Style(foreground: .yellow, bold: true)
    public var mapMarkerHot = Style(foreground: .brightRed, bold: true)
    public var mapLabel = Style(foreground: .cyan)
    /// A match of the `/` search in a list (underlined, so it shows without colour too).
    public var match = Style(foreground: .black, background: .yellow, bold: true, underline: true)
    /// Map: a region in the filter (its name underlined, so it shows without colour too).
    public var mapFiltered = Style(foreground: .green, bold: true, underline: true)

    /// Every style of a theme, for transformations such as `withoutColors`.
    static var styles: [WritableKeyPath<Theme, Style>] {
        [
            \.text, \.dim, \.title, \.header, \.headerDim, \.chip, \.border, \.focusedBorder, \.selection,
            \.focusedSelection, \.coup, \.critical, \.warning, \.label, \.bar, \.error, \.info, \.key, \.overlay,
            \.newBadge, \.coupMarker, \.mapOutline, \.mapNeighbour, \.mapNeighbourName, \.mapIncident, \.mapMarkerQuiet,
            \.mapMarker, \.mapMarkerHot, \.mapLabel, \.mapFiltered, \.match,
        ]
    }

    /// Light text on the terminal's dark background: the default.
    public static let dark = Theme(
        name: "dark",
        text: Style(),
        dim: Style(dim: true),
        title: Style(bold: true),
        header: Style(foreground: .brightWhite, background: .blue, bold: true),
        headerDim: Style(foreground: .white, background: .blue),
        chip: Style(foreground: .black, background: .cyan, bold: true),
        border: Style(foreground: .brightBlack),
        focusedBorder: Style(foreground: .cyan, bold: true),
        selection: Style(reverse: true),
        focusedSelection: Style(foreground: .black, background: .cyan, bold: true, reverse: false),
        coup: Style(foreground: .brightRed, bold: true),
        critical: Style(foreground: .red, bold: true),
        warning: Style(foreground: .yellow),
        label: Style(foreground: .cyan),
        bar: Style(foreground: .red),
        error: Style(foreground: .brightWhite, background: .red, bold: true),
        info: Style(foreground: .green, bold: true),
        key: Style(foreground: .yellow, bold: true),
        overlay: Style(foreground: .default, background: .default),
        newBadge: Style(foreground: .black, background: .yellow, bold: true),
        coupMarker: Style(foreground: .brightRed, bold: true, reverse: true))

    /// Dark text on a white background: no yellow, cyan or bright white on the terminal's background. Uses three
    /// colours of the 256-colour palette (dark orange, dark green, dark blue), mapped to the nearest of 16 or 8
    /// where the terminal has fewer colours.
    public static let light: Theme = {
        var theme = Theme(
            name: "light",
            text: Style(),
            dim: Style(dim: true),
            title: Style(bold: true),
            header: Style(foreground: .brightWhite, background: .blue, bold: true),
            headerDim: Style(foreground: .white, background: .blue),
            chip: Style(foreground: .brightWhite, background: .blue, bold: true),
            border: Style(foreground: .brightBlack),
            focusedBorder: Style(foreground: .blue, bold: true),
            selection: Style(reverse: true),
            focusedSelection: Style(foreground: .brightWhite, background: .blue, bold: true, reverse: false),
            coup: Style(foreground: .red, bold: true),
            critical: Style(foreground: .red, bold: true),
            warning: Style(foreground: .indexed(130)),
            label: Style(foreground: .indexed(25)),
            bar: Style(foreground: .red),
            error: Style(foreground: .brightWhite, background: .red, bold: true),
            info: Style(foreground: .indexed(28), bold: true),
            key: Style(foreground: .magenta, bold: true),
            overlay: Style(foreground: .default, background: .default),
            newBadge: Style(foreground: .black, background: .yellow, bold: true),
            coupMarker: Style(foreground: .red, bold: true, reverse: true))
        theme.mapOutline = Style(foreground: .black, bold: true)
        theme.mapNeighbour = Style(foreground: .brightBlack, dim: true)
        theme.mapNeighbourName = Style(foreground: .brightBlack, dim: true)
        theme.mapIncident = Style(foreground: .magenta)
        theme.mapMarkerQuiet = Style(foreground: .brightBlack)
        theme.mapMarker = Style(foreground: .indexed(130), bold: true)
        theme.mapMarkerHot = Style(foreground: .red, bold: true)
        theme.mapLabel = Style(foreground: .indexed(25))
        theme.mapFiltered = Style(foreground: .indexed(28), bold: true, underline: true)
        return theme
    }()

    /// Attributes only (bold, reverse, underline, dim): what the dark theme looks like under NO_COLOR.
    public static let mono = dark.withoutColors(name: "mono")

    /// Every theme, in the order the documentation lists them.
    public static let all: [Theme] = [.dark, .light, .mono]

    /// The theme called `name` (`dark`, `light`, `mono`), or nil.
    public static func named(_ name: String) -> Theme? { all.first { $0.name == name.lowercased() } }

    /// The same theme with every colour removed.
    public func withoutColors(name: String) -> Theme {
        var theme = self
        theme.name = name
        for style in Theme.styles { theme[keyPath: style] = self[keyPath: style].withoutColors }
        return theme
    }

    /// The style of a timeline row's marker by category and severity.
    public func marker(_ category: SitmonCore.Category, _ severity: Severity) -> Style {
        if category == .coup { return coupMarker }
        switch severity {
        case .critical: return critical
        case .warning: return warning
        case .notice: return label
        case .info: return dim
        }
    }
}
