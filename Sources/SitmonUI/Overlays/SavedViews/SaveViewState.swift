import SitmonCore
import SitmonScreen

/// The `w` dialog: the name to save the current view under; asks before overwriting a saved view.
public struct SaveViewState: Sendable, OverwriteConfirming, OverlayModel {
    public var name: LineEditor
    /// Set when a view of that name exists and the user must confirm with y.
    public var confirmOverwrite = false
    public var error: String?

    public init(name: String) { self.name = LineEditor(name) }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        let typed = name.text.trimmingSpaces
        if confirmOverwrite {
            confirmOverwrite = false
            switch key {
            case .character("y"), .character("Y"):
                return OverlayOutcome.stay.with(effect: .saveView(name: typed, SavedView(app), overwrite: true))
            case .escape: return OverlayOutcome.close.with(message: "View not saved")
            default: return .stay
            }
        }
        switch key {
        case .escape:
            return OverlayOutcome.close.with(message: "View not saved")
        case .enter:
            if let problem = Update.viewNameProblem(typed) {
                error = problem
            } else if app.savedViewNames.contains(typed) {
                confirmOverwrite = true
                error = nil
            } else {
                error = nil
                return OverlayOutcome.stay.with(effect: .saveView(name: typed, SavedView(app), overwrite: false))
            }
        default:
            _ = name.handle(key)
            error = nil
        }
        return .stay
    }
}
