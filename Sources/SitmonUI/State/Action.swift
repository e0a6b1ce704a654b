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
}

/// Work `update` asks the runtime to do. `update` itself never touches files or the terminal.
public enum Effect: Sendable, Hashable {
    case quit
    /// Write an export atomically; answer with `.exportWritten` or `.exportFailed`.
    case writeExport(path: String, bytes: [UInt8], overwrite: Bool, records: Int)
}
