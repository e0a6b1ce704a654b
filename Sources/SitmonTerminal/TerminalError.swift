/// Why the terminal could not be started.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment cannot host the interface (not a tty, no TERM, unknown terminal): the message says why.
    case unavailable(String)
    /// A terminal session is already running in this process.
    case alreadyActive

    public var description: String {
        switch self {
        case .unavailable(let reason): return reason
        case .alreadyActive: return "the terminal interface is already running"
        }
    }
}
