/// How much is read from standard input or a pipe, whose size is not known beforehand (`validate -`,
/// `--data -`, `import acled -`). Regular files are read up to their size (datasets below 4 GiB, CSV exports
/// below 2 GiB). Without a limit `validate - < /dev/zero` grew to 17 GB before the system killed it.
///
/// The default, 2 GiB, is four times the largest dataset sitmon is measured on (a million records, about 460 MB,
/// docs/benchmarks.md) and as large as the largest CSV export the importer takes, so no real input reaches it;
/// it keeps an endless stream to about 4 GB of memory at worst. `--max-input-size` or `SITMON_MAX_INPUT`
/// change it (`512M`, `4G`, a number of bytes).
public enum InputLimit {
    /// 2 GiB.
    public static let defaultBytes = 2 << 30
    /// The environment variable that sets the limit when no option does.
    public static let environmentVariable = "SITMON_MAX_INPUT"

    /// The limit from `SITMON_MAX_INPUT` when it is set and valid, else `defaultBytes`.
    public static func resolve(option: Int? = nil, environment: [String: String]) -> Int {
        if let option { return option }
        if let text = environment[environmentVariable], let bytes = parse(text) { return bytes }
        return defaultBytes
    }

    /// The limit for this process: `SITMON_MAX_INPUT`, else the default.
    public static var current: Int {
        guard let raw = getenv(environmentVariable) else { return defaultBytes }
        return parse(String(cString: raw)) ?? defaultBytes
    }

    /// A size such as `4G`, `512M`, `64K` (powers of 1024, an optional trailing `B` or `iB`) or a plain number of
    /// bytes; nil when malformed, zero or above 1 TiB.
    public static func parse(_ text: String) -> Int? {
        var digits = Substring(text.uppercased().filter { $0 != " " })
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        var unit = 1
        if let last = digits.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            unit = 1 << (10 * power)
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 13,
            let value = Int(digits), value > 0
        else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        guard !overflow, bytes <= 1 << 40 else { return nil }
        return bytes
    }

    /// `bytes` for a message: "2 GiB", "512 MiB", "1000 bytes".
    public static func describe(_ bytes: Int) -> String {
        for (power, name) in [(3, "GiB"), (2, "MiB"), (1, "KiB")] where bytes % (1 << (10 * power)) == 0 {
            return "\(bytes >> (10 * power)) \(name)"
        }
        return "\(bytes) bytes"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
