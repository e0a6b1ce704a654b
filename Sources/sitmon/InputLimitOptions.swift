import ArgumentParser

/// `--max-input-size`, shared by the commands that read one file or standard input: `validate` and `import`.
struct InputLimitOptions: ParsableArguments, Sendable {
    static let help =
        "Read at most this much from standard input (-): 512M, 4G, bytes. Default $SITMON_MAX_INPUT, else 2G."

    @Option(name: .customLong("max-input-size"), help: ArgumentHelp(help, valueName: "size"))
    var maxInput: ByteSize?

    /// The limit in bytes, when given.
    var bytes: Int? { maxInput?.bytes }
}
