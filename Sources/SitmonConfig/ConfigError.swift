import SitmonCore

/// A problem with the configuration file: the file, the line (and column) where known, and what is wrong.
/// Printed as `FILE:LINE:COLUMN: MESSAGE`; sitmon exits with 78 (EX_CONFIG), or 66 when the file cannot be read.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// True when the file could not be read (exit 66) rather than being invalid (exit 78).
    public var unreadable = false

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, unreadable: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.unreadable = unreadable
    }

    /// The exit status: `.invalidConfig` (78, EX_CONFIG) for an invalid file, `.unreadable` (66) for an unreadable one.
    public var status: ExitStatus { unreadable ? .unreadable : .invalidConfig }

    /// The exit status as a number.
    public var exitCode: Int32 { status.code }

    public var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place + ": " + message
    }
}
