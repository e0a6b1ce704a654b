import SitmonCore

/// How an import treats bad rows and which actors it classifies as jihadist groups.
public struct ImportOptions: Sendable {
    /// Stop at the first bad row (an error naming its line) instead of skipping it and reporting it.
    public var strict: Bool
    /// The actor names classified as `jihadist-group`.
    public var jihadistPatterns: JihadistGroups
    /// At most this many bytes are read from standard input or a pipe (`InputLimit`); nil: the process's limit.
    public var maxInput: Int?

    public init(strict: Bool = false, jihadistPatterns: JihadistGroups = .default) {
        self.strict = strict
        self.jihadistPatterns = jihadistPatterns
    }
}
