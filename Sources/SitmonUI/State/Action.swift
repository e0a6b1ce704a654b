import SitmonCore
import SitmonScreen

/// Everything that can happen to the monitor: input from the terminal, and the results of effects.
public enum Action: Sendable {
    case input(InputEvent)
    /// An export was written.
    case exportWritten(path: String, records: Int)
    /// An export failed; `exists` when the file exists and needs confirmation to overwrite.
    case exportFailed(message: String, exists: Bool)
    /// Watched files were reloaded: the new data.
    case dataReloaded(QueryEngine)
    /// Watched files changed but could not be loaded: the message; the last good data stays.
    case dataReloadFailed(String)
    /// A view was saved under a name.
    case viewSaved(name: String)
    /// A view could not be saved; `exists` when a view of that name exists and needs confirmation.
    case viewSaveFailed(message: String, exists: Bool)
    /// A saved view was read.
    case viewLoaded(name: String, SavedView)
    /// A saved view could not be read.
    case viewLoadFailed(message: String)
    /// The saved views with their filters and dates, for the `W` list.
    case viewsListed([SavedViewEntry])
    /// A saved view was deleted.
    case viewDeleted(name: String)
    /// A saved view was renamed.
    case viewRenamed(from: String, to: String)
    /// Deleting or renaming a view failed: why.
    case viewChangeFailed(message: String)
    /// The records' search text is ready (`QueryEngine.isSearchPrepared`): what was typed before it, and waits for
    /// it (`AppState.awaitsSearchText`), is run now.
    case searchTextReady
}

/// Work `update` asks the runtime to do. `update` itself never touches files or the terminal.
public enum Effect: Sendable, Hashable {
    /// End the monitor, with `AppState.exitStatus`.
    case quit
    /// Make an export and write it atomically; answer with `.exportWritten` or `.exportFailed`.
    case writeExport(ExportRequest)
    /// Save a view under a name atomically; answer with `.viewSaved` or `.viewSaveFailed`.
    case saveView(name: String, SavedView, overwrite: Bool)
    /// Read a saved view; answer with `.viewLoaded` or `.viewLoadFailed`.
    case loadView(name: String)
    /// Read every saved view's filter and date; answer with `.viewsListed`.
    case listViews
    /// Delete a saved view; answer with `.viewDeleted` or `.viewChangeFailed`.
    case deleteView(name: String)
    /// Rename a saved view (never over another); answer with `.viewRenamed` or `.viewChangeFailed`.
    case renameView(from: String, to: String)
}
