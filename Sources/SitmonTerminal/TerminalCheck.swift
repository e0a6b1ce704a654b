import CNcursesw
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides, before anything touches the terminal, whether the interactive interface can run here.
public enum TerminalCheck {
    /// A human-readable reason why the interface cannot run, or nil when it can.
    ///
    /// Checks that standard input and standard output are terminals and that `TERM` is set, is not `dumb`, and
    /// names a terminfo entry. Terminfo is looked up with `setupterm` (error-returning form), never `initscr`,
    /// which would exit the process. Nothing is written to the terminal.
    /// - Parameter environment: the process environment (only `TERM` is read).
    public static func unavailableReason(environment: [String: String]) -> String? {
        unavailableReason(
            environment: environment, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// The same check with the tty tests supplied by the caller (for tests).
    static func unavailableReason(
        environment: [String: String], stdinIsTerminal: Bool,
        stdoutIsTerminal: Bool
    ) -> String? {
        if !stdoutIsTerminal && !stdinIsTerminal {
            return "standard input and standard output are not a terminal"
        }
        if !stdoutIsTerminal {
            return "standard output is not a terminal (it is redirected to a file or a pipe)"
        }
        if !stdinIsTerminal {
            return "standard input is not a terminal (it is redirected from a file or a pipe)"
        }
        guard let term = environment["TERM"], !term.isEmpty else {
            return "the TERM environment variable is not set, so the terminal type is unknown"
        }
        if term == "dumb" {
            return "the terminal type is \"dumb\" (TERM=dumb), which cannot draw a full-screen interface"
        }
        switch sitmon_terminfo_status(term) {
        case 1:
            return nil
        case 0:
            return "the terminal type \"\(term)\" (TERM) has no terminfo entry; install it (e.g. the ncurses-term "
                + "package) or set TERM to a known type such as xterm-256color"
        case 2:
            return "the terminal type \"\(term)\" (TERM) is a hard-copy or generic terminal that cannot be addressed"
        default:
            return "no terminfo database was found, so the terminal type \"\(term)\" cannot be looked up"
        }
    }
}
