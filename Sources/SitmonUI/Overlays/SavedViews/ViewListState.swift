import SitmonCore
import SitmonScreen

/// The `W` list of saved views with their filters and dates: Enter opens the selected one, `d` deletes it (after
/// `y`), `r` renames it.
public struct ViewListState: Sendable, OverlayModel {
    /// What the list is doing: browsing, asking before deleting, or editing a new name.
    public enum Mode: Sendable {
        case browse
        case confirmDelete
        case rename(LineEditor)
    }

    public var names: [String]
    /// Each view's filter and date, by name, once the runtime has read them.
    public var entries: [String: SavedViewEntry] = [:]
    public var selection = 0
    public var mode = Mode.browse
    public var error: String?

    public init(names: [String]) { self.names = names }

    /// The name of the selected view.
    public var selectedName: String? { selection < names.count ? names[selection] : nil }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch mode {
        case .confirmDelete:
            mode = .browse
            if key == .character("y") || key == .character("Y"), let name = selectedName {
                return OverlayOutcome.stay.with(effect: .deleteView(name: name))
            }
            return key == .escape ? .close : .stay
        case .rename(var editor):
            return rename(&editor, key)
        case .browse:
            break
        }
        error = nil
        switch key {
        case .escape:
            return .close
        case .enter:
            guard let name = selectedName else { return .stay }
            return OverlayOutcome.close.with(effect: .loadView(name: name))
        case .down, .tab, .character("j"), .control("n"):
            selection = min(selection + 1, max(0, names.count - 1))
        case .up, .backTab, .character("k"), .control("p"):
            selection = max(0, selection - 1)
        case .home, .character("g"):
            selection = 0
        case .end, .character("G"):
            selection = max(0, names.count - 1)
        case .character("d"), .delete:
            if selectedName != nil { mode = .confirmDelete }
        case .character("r"):
            if let name = selectedName { mode = .rename(LineEditor(name)) }
        default:
            break
        }
        return .stay
    }

    /// A key while the new name of the selected view is typed.
    private mutating func rename(_ editor: inout LineEditor, _ key: Key) -> OverlayOutcome {
        switch key {
        case .escape:
            mode = .browse
            error = nil
        case .enter:
            let newName = editor.text.trimmingSpaces
            guard let old = selectedName else { break }
            if newName == old {
                mode = .browse
                error = nil
            } else if let problem = Update.viewNameProblem(newName) {
                error = problem
            } else if names.contains(newName) {
                error = "a view “\(newName)” exists: delete it first, or choose another name"
            } else {
                error = nil
                return OverlayOutcome.stay.with(effect: .renameView(from: old, to: newName))
            }
        default:
            _ = editor.handle(key)
            mode = .rename(editor)
            error = nil
        }
        return .stay
    }
}

/// A saved view as the `W` list shows it: its name, its filter in words and when it was saved.
public struct SavedViewEntry: Sendable, Hashable {
    public var name: String
    /// The view, or nil when its file could not be read (then `problem` says why).
    public var view: SavedView?
    /// When it was saved, as shown ("2026-12-06 08:49"), if known.
    public var saved: String?
    public var problem: String?

    public init(name: String, view: SavedView?, saved: String?, problem: String? = nil) {
        self.name = name
        self.view = view
        self.saved = saved
        self.problem = problem
    }
}
