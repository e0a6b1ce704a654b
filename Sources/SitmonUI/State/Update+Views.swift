import SitmonCore
import SitmonScreen

/// Saved views: the `w` name dialog, the `W` list, and the results of the runtime's file effects.
extension Update {
    /// Why `name` cannot name a saved view, or nil when it can: 1 to 64 characters, letters, digits, space, `-`,
    /// `_` and `.`, not starting with `.` or a space (so never a path: no `/`, no `..`).
    public static func viewNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a view needs a name" }
        if name.count > 64 { return "a view name has at most 64 characters" }
        if name.contains("/") || name.contains("\\") { return "a view name cannot contain / or \\" }
        if name.hasPrefix(".") || name.hasPrefix(" ") { return "a view name cannot start with a dot or a space" }
        for c in name where !(c.isLetter || c.isNumber || c == " " || c == "-" || c == "_" || c == ".") {
            return "a view name cannot contain “\(c.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? "control character" : String(c) } ?? "?")” (letters, digits, space, - _ . only)"
        }
        return nil
    }

    static func handleSaveView(_ state: inout AppState, _ dialog: inout SaveViewState, _ key: Key) -> [Effect] {
        let name = dialog.name.text.trimmingSpaces
        if dialog.confirmOverwrite {
            dialog.confirmOverwrite = false
            switch key {
            case .character("y"), .character("Y"):
                state.overlay = .saveView(dialog)
                return [.saveView(name: name, SavedView(state), overwrite: true)]
            case .escape:
                state.overlay = nil
                state.message = StatusMessage("View not saved")
                return []
            default:
                state.overlay = .saveView(dialog)
                return []
            }
        }
        switch key {
        case .escape:
            state.overlay = nil
            state.message = StatusMessage("View not saved")
            return []
        case .enter:
            if let problem = viewNameProblem(name) {
                dialog.error = problem
            } else if state.savedViewNames.contains(name) {
                dialog.confirmOverwrite = true
                dialog.error = nil
            } else {
                dialog.error = nil
                state.overlay = .saveView(dialog)
                return [.saveView(name: name, SavedView(state), overwrite: false)]
            }
        default:
            _ = dialog.name.handle(key)
            dialog.error = nil
        }
        state.overlay = .saveView(dialog)
        return []
    }

    static func handleViewList(_ state: inout AppState, _ list: inout ViewListState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            guard list.selection < list.names.count else { return [] }
            state.overlay = nil
            return [.loadView(name: list.names[list.selection])]
        case .down, .tab, .character("j"), .control("n"):
            list.selection = min(list.selection + 1, max(0, list.names.count - 1))
        case .up, .backTab, .character("k"), .control("p"):
            list.selection = max(0, list.selection - 1)
        case .home, .character("g"):
            list.selection = 0
        case .end, .character("G"):
            list.selection = max(0, list.names.count - 1)
        default:
            break
        }
        state.overlay = .openView(list)
        return []
    }

    static func handleViewResult(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .viewSaved(let name):
            state.overlay = nil
            if !state.savedViewNames.contains(name) {
                state.savedViewNames.append(name)
                state.savedViewNames.sort { $0.lowercased() < $1.lowercased() }
            }
            state.currentViewName = name
            let argument = name.contains(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) ? "\"\(name)\"" : name
            state.message = StatusMessage("View saved as “\(name)” (sitmon --view \(argument))")
        case .viewSaveFailed(let message, let exists):
            if case .saveView(var dialog) = state.overlay {
                dialog.writeFailed(message, exists: exists)
                state.overlay = .saveView(dialog)
            } else {
                state.message = StatusMessage(message, kind: .error)
            }
        case .viewLoaded(let name, let view):
            let notes = state.restore(view)
            state.currentViewName = name
            state.message = notes.isEmpty ? StatusMessage("View “\(name)”: " + state.filter.describe(in: state.dataset))
                : StatusMessage("View “\(name)”, ignored: " + notes.joined(separator: "; "))
        case .viewLoadFailed(let message):
            state.message = StatusMessage(message, kind: .error)
        default:
            break
        }
        return []
    }
}
