import SitmonCore
import SitmonScreen

/// The styles of the monitor. Every meaning also carries an attribute (bold, reverse, underline), so it survives
/// on terminals without colour and under NO_COLOR.
public enum Theme {
    public static let text = Style()
    public static let dim = Style(dim: true)
    public static let title = Style(bold: true)
    public static let header = Style(foreground: .brightWhite, background: .blue, bold: true)
    public static let headerDim = Style(foreground: .white, background: .blue)
    public static let chip = Style(foreground: .black, background: .cyan, bold: true)
    public static let border = Style(foreground: .brightBlack)
    public static let focusedBorder = Style(foreground: .cyan, bold: true)
    public static let selection = Style(reverse: true)
    public static let focusedSelection = Style(foreground: .black, background: .cyan, bold: true, reverse: false)
    public static let coup = Style(foreground: .brightRed, bold: true)
    public static let critical = Style(foreground: .red, bold: true)
    public static let warning = Style(foreground: .yellow)
    public static let label = Style(foreground: .cyan)
    public static let bar = Style(foreground: .red)
    public static let error = Style(foreground: .brightWhite, background: .red, bold: true)
    public static let info = Style(foreground: .green, bold: true)
    public static let key = Style(foreground: .yellow, bold: true)
    public static let overlay = Style(foreground: .default, background: .default)
    public static let newBadge = Style(foreground: .black, background: .yellow, bold: true)
    /// Map: Mali's outline, the neighbours' borders and names.
    public static let mapOutline = Style(foreground: .brightWhite, bold: true)
    public static let mapNeighbour = Style(foreground: .brightBlack, dim: true)
    public static let mapNeighbourName = Style(foreground: .brightBlack, underline: false, dim: true)
    /// Map: located records (braille dots).
    public static let mapIncident = Style(foreground: .magenta)
    /// Map: region markers by activity (none, some, the busiest third), and the region names.
    public static let mapMarkerQuiet = Style(foreground: .brightBlack)
    public static let mapMarker = Style(foreground: .yellow, bold: true)
    public static let mapMarkerHot = Style(foreground: .brightRed, bold: true)
    public static let mapLabel = Style(foreground: .cyan)
    /// Map: a region in the filter (its name underlined, so it shows without colour too).
    public static let mapFiltered = Style(foreground: .green, bold: true, underline: true)

    /// The style of a timeline row's marker by category and severity.
    public static func marker(_ category: SitmonCore.Category, _ severity: Severity) -> Style {
        if category == .coup { return Style(foreground: .brightRed, bold: true, reverse: true) }
        switch severity {
        case .critical: return critical
        case .warning: return warning
        case .notice: return label
        case .info: return dim
        }
    }
}
