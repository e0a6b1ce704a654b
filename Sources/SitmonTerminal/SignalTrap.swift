#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Catches the signals that should end or refresh the program, so that the terminal is always restored.
///
/// The handlers (written in C, in the `CNcursesw` shim) only set a flag; the application polls
/// ``pendingSignal`` after each ``Terminal/nextEvent(timeoutMilliseconds:)`` (whose wait is cut short by a
/// signal) and, for a terminating signal, calls ``Terminal/restore()`` and exits with ``exitStatus(for:)``.
///
/// Trapped: `SIGINT` (Ctrl-C; ``Terminal/nextEvent(timeoutMilliseconds:)`` reports it as `.control("c")`),
/// `SIGTERM`, `SIGHUP`, `SIGQUIT` (Ctrl-\\) and `SIGCONT` (after `fg`, to repaint). A signal that was ignored
/// when the program started (for example `SIGHUP` under `nohup`) stays ignored. `SIGWINCH` and `SIGTSTP` are
/// left to ncurses, which turns them into `KEY_RESIZE` and a clean suspend.
public enum SignalTrap {
    /// The signals that end the program, in the order ``pendingSignal`` reports them.
    public static let terminatingSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT, SIGINT]

    /// Installs the handlers. Idempotent. ``Terminal/init(mouse:colors:)`` calls it before `newterm`, so
    /// that ncurses does not install its own exit-on-SIGINT/SIGTERM handlers.
    public static func install() {
        if ProcessState.trapsInstalled { return }
        for signal in terminatingSignals { _ = ProcessState.trap(signal) }
        _ = ProcessState.trap(SIGCONT)
        ProcessState.markTrapsInstalled()
    }

    /// The terminating signal received and not yet cleared, if any: `SIGTERM`, `SIGHUP`, `SIGQUIT`, then
    /// `SIGINT`. Reading it does not clear it.
    public static var pendingSignal: Int32? {
        terminatingSignals.first { ProcessState.isPending($0) }
    }

    /// Forgets that `signal` was received.
    public static func clear(_ signal: Int32) {
        ProcessState.clear(signal)
    }

    /// The conventional exit status for a program ended by `signal`: 128 + the signal number
    /// (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
    public static func exitStatus(for signal: Int32) -> Int32 {
        128 + signal
    }

    /// A short name for messages: "SIGTERM", "SIGHUP", ...
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGQUIT: return "SIGQUIT"
        case SIGCONT: return "SIGCONT"
        default: return "signal \(signal)"
        }
    }

    /// Reads and clears the Ctrl-C flag (used by the terminal to turn SIGINT into a key).
    static func takeInterrupt() -> Bool { ProcessState.take(SIGINT) }

    /// Reads and clears the "continued after a stop" flag.
    static func takeContinued() -> Bool { ProcessState.take(SIGCONT) }

    /// True when a signal other than SIGINT asks the program to end.
    static var terminationPending: Bool {
        terminatingSignals.contains { $0 != SIGINT && ProcessState.isPending($0) }
    }
}
