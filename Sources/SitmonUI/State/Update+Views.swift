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
            return
                "a view name cannot contain “\(c.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? "control character" : String(c) } ?? "?")” (letters, digits, space, - _ . only)"
        }
        return nil
    }

    /// The status line after the last session's view was restored with a filter: "Restored last view — c clears".
    public static func restoredLastViewMessage(_ state: AppState) -> String {
        "Restored last view" + (state.keymap.primaryLabel(.clear).map { " — \($0) clears" } ?? "")
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
        switch list.mode {
        case .confirmDelete:
            list.mode = .browse
            if key == .character("y") || key == .character("Y"), let name = list.selectedName {
                state.overlay = .openView(list)
                return [.deleteView(name: name)]
            }
            if key == .escape {
                state.overlay = nil
                return []
            }
            state.overlay = .openView(list)
            return []
        case .rename(var editor):
            switch key {
            case .escape:
                list.mode = .browse
                list.error = nil
            case .enter:
                let newName = editor.text.trimmingSpaces
                guard let old = list.selectedName else { break }
                if newName == old {
                    list.mode = .browse
                    list.error = nil
                } else if let problem = viewNameProblem(newName) {
                    list.error = problem
                } else if list.names.contains(newName) {
                    list.error = "a view “\(newName)” exists: delete it first, or choose another name"
                } else {
                    list.error = nil
                    state.overlay = .openView(list)
                    return [.renameView(from: old, to: newName)]
                }
            default:
                _ = editor.handle(key)
                list.mode = .rename(editor)
                list.error = nil
            }
            state.overlay = .openView(list)
            return []
        case .browse:
            break
        }
        list.error = nil
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            guard let name = list.selectedName else { return [] }
            state.overlay = nil
            return [.loadView(name: name)]
        case .down, .tab, .character("j"), .control("n"):
            list.selection = min(list.selection + 1, max(0, list.names.count - 1))
        case .up, .backTab, .character("k"), .control("p"):
            list.selection = max(0, list.selection - 1)
        case .home, .character("g"):
            list.selection = 0
        case .end, .character("G"):
            list.selection = max(0, list.names.count - 1)
        case .character("d"), .delete:
            if list.selectedName != nil { list.mode = .confirmDelete }
        case .character("r"):
            if let name = list.selectedName { list.mode = .rename(LineEditor(name)) }
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
            let argument =
                name.contains(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) ? "\"\(name)\"" : name
            state.message = StatusMessage("View saved as “\(name)” (sitmon --view \(argument))")
        case .viewSaveFailed(let message, let exists):
            writeFailed(&state, message, exists: exists, export: false)
        case .viewLoaded(let name, let view):
            let notes = state.restore(view)
            state.currentViewName = name
            state.message =
                notes.isEmpty
                ? StatusMessage("View “\(name)”: " + state.filter.describe(in: state.dataset))
                : StatusMessage("View “\(name)”, ignored: " + notes.joined(separator: "; "))
        case .viewLoadFailed(let message):
            state.message = StatusMessage(message, kind: .error)
        case .viewsListed(let entries):
            state.savedViewNames = entries.map(\.name)
            guard case .openView(var list) = state.overlay else { break }
            let selected = list.selectedName
            list.names = state.savedViewNames
            list.entries = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            list.selection =
                selected.flatMap { list.names.firstIndex(of: $0) } ?? min(list.selection, max(0, list.names.count - 1))
            if list.names.isEmpty {
                state.overlay = nil
                state.message = StatusMessage("No saved views")
            } else {
                state.overlay = .openView(list)
            }
        case .viewDeleted(let name):
            state.savedViewNames.removeAll { $0 == name }
            if state.currentViewName == name { state.currentViewName = nil }
            state.message = StatusMessage("View “\(name)” deleted")
            if case .openView(var list) = state.overlay {
                list.names.removeAll { $0 == name }
                list.entries[name] = nil
                list.selection = min(list.selection, max(0, list.names.count - 1))
                list.mode = .browse
                state.overlay = list.names.isEmpty ? nil : .openView(list)
            }
        case .viewRenamed(let old, let new):
            if let k = state.savedViewNames.firstIndex(of: old) { state.savedViewNames[k] = new }
            state.savedViewNames.sort { $0.lowercased() < $1.lowercased() }
            if state.currentViewName == old { state.currentViewName = new }
            state.message = StatusMessage("View “\(old)” renamed “\(new)”")
            if case .openView(var list) = state.overlay {
                list.names = state.savedViewNames
                if var entry = list.entries.removeValue(forKey: old) {
                    entry.name = new
                    list.entries[new] = entry
                }
                list.selection = list.names.firstIndex(of: new) ?? 0
                list.mode = .browse
                state.overlay = .openView(list)
            }
        case .viewChangeFailed(let message):
            if case .openView(var list) = state.overlay {
                list.error = message
                state.overlay = .openView(list)
            } else {
                state.message = StatusMessage(message, kind: .error)
            }
        default:
            break
        }
        return []
    }
}
