import ArgumentParser
import SitmonCore
import SitmonImport

/// A terminal size written `WIDTHxHEIGHT` (`120x40`; `X` too), each from 1 to 1000: parsed here once for every
/// option that takes one (`--render`, `bench-ui --size`). ArgumentParser refuses anything else (exit 64).
struct TerminalSize: ExpressibleByArgument, Sendable, Equatable {
    var width: Int
    var height: Int

    /// The largest width or height taken.
    static let maximum = 1000

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
            let width = Int(parts[0]), let height = Int(parts[1]),
            (1...Self.maximum).contains(width), (1...Self.maximum).contains(height)
        else { return nil }
        self.init(width: width, height: height)
    }

    var defaultValueDescription: String { "\(width)x\(height)" }
}

/// A size given as `512M`, `4G` or a number of bytes (`InputLimit.parse`), for `--max-input-size`.
struct ByteSize: ExpressibleByArgument, Sendable {
    var bytes: Int

    init?(argument: String) {
        guard let bytes = InputLimit.parse(argument) else { return nil }
        self.bytes = bytes
    }
}

/// `export --format csv|json|md`, in any case.
extension ExportFormat: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

/// `import acled|ucdp`, in any case.
extension ImportFormat: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
