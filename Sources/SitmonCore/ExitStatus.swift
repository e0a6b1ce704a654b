/// sitmon's exit statuses, the one list every command and library uses (sysexits.h where one fits; README and
/// `sitmon --help` print the same table).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything went as asked.
    case success = 0
    /// The monitor found no usable terminal.
    case noTerminal = 1
    /// EX_USAGE: an unknown option, actor, region or saved view; an ambiguous name; a malformed argument.
    case usage = 64
    /// EX_DATAERR: invalid data (every problem listed as file:line:column).
    case invalidData = 65
    /// EX_NOINPUT: an input file cannot be read (missing, a directory, a device or FIFO, no permission).
    case unreadable = 66
    /// EX_CANTCREAT: the output file cannot be written (an existing file is kept unless --force).
    case cannotCreate = 73
    /// EX_IOERR: standard output cannot be written (a full disk, /dev/full, a closed pipe).
    case outputFailed = 74
    /// EX_CONFIG: the configuration file is invalid.
    case invalidConfig = 78
    /// 128 + SIGHUP: the terminal was lost.
    case hangup = 129
    /// 128 + SIGINT: interrupted (Ctrl-C).
    case interrupted = 130
    /// 128 + SIGTERM: terminated.
    case terminated = 143

    /// The code as the process returns it.
    public var code: Int32 { rawValue }

    /// The status of a program ended by `signal`: 128 + its number (SIGQUIT and others have no case of their own).
    public static func code(forSignal signal: Int32) -> Int32 { 128 + signal }
}
