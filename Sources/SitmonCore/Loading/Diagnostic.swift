/// One problem found in a data file: where it is (file, line and column, JSON path or CSV row) and what is wrong.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, where the problem has a place in the file's text.
    public var line: Int?
    /// 1-based column in characters.
    public var column: Int?
    /// A JSON path such as `$.actors[12].kind`, or `row 7` for CSV.
    public var path: String
    public var message: String
    /// Byte offset in the file, used to compute line and column.
    var offset: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: $.path: message`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }

    /// At most 60 characters of untrusted text for a message, control and bidirectional characters escaped
    /// (the loader's own rule; importers use it too).
    public static func excerpt(_ text: String) -> String { DatasetDecoder.excerpt(text) }
}

/// Loading failed: the file could not be read, or its data is invalid.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Missing, unreadable, a directory (exit 66).
        case unreadable
        /// The data is malformed or breaks the format's rules (exit 65).
        case invalidData
    }

    public var kind: Kind
    public var diagnostics: [Diagnostic]
    /// How many further problems were found beyond those listed.
    public var omitted: Int

    public init(kind: Kind, diagnostics: [Diagnostic], omitted: Int = 0) {
        self.kind = kind
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// One problem with a whole file (no place inside it).
    public init(_ kind: Kind, file: String, message: String) {
        self.init(kind: kind, diagnostics: [Diagnostic(file: file, path: "", message: message)])
    }

    /// The exit status: `.unreadable` (66, cannot open input) or `.invalidData` (65).
    public var status: ExitStatus { kind == .unreadable ? .unreadable : .invalidData }

    /// The exit status as a number.
    public var exitCode: Int32 { status.code }

    public var description: String {
        var lines = diagnostics.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more problems") }
        return lines.joined(separator: "\n")
    }
}

/// Turns byte offsets into 1-based line and character columns, on the original bytes of a file,
/// in one pass over the file however many offsets there are.
struct LineMap {
    let bytes: [UInt8]

    func place(of offset: Int) -> (line: Int, column: Int) {
        places(of: [offset])[0]
    }

    /// The line and column of each offset, in the order given.
    func places(of offsets: [Int]) -> [(line: Int, column: Int)] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
        var line = 1, column = 1, i = 0
        // A byte-order mark is not a character of the first line.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        bytes.withUnsafeBufferPointer { buffer in
            for k in order {
                let end = min(max(0, offsets[k]), buffer.count)
                while i < end {
                    let b = buffer[i]
                    if b == 0x0A {
                        line += 1
                        column = 1
                    } else if b & 0xC0 != 0x80 {
                        column += 1
                    }
                    i += 1
                }
                result[k] = (line, column)
            }
        }
        return result
    }
}
