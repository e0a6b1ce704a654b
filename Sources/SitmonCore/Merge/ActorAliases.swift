import Foundation

/// The alias table (`data/actor-aliases.json`): the names ACLED and UCDP GED exports give the actors the bundled case
/// study curates, mapped to the case study's actor ids. The merger reconciles an export's actor with the curated one
/// through it; the importer takes a listed actor's short name and jihadist kind from it.
public struct ActorAliases: Sendable {
    /// One curated actor and the names the exports give it.
    public struct Entry: Sendable, Hashable, Decodable {
        /// The id of the actor in the bundled dataset (`isgs`).
        public var id: String
        /// The case study's short name (`ISGS`).
        public var shortName: String?
        /// The case study's kind.
        public var kind: ActorKind?
        /// The names it is known by in the exports and elsewhere.
        public var names: [String]
        public var note: String?

        public init(id: String, shortName: String? = nil, kind: ActorKind? = nil, names: [String], note: String? = nil)
        {
            self.id = id
            self.shortName = shortName
            self.kind = kind
            self.names = names
            self.note = note
        }

        enum CodingKeys: String, CodingKey { case id, shortName, kind, names, note }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            shortName = try c.decodeIfPresent(String.self, forKey: .shortName)
            names = try c.decode([String].self, forKey: .names)
            note = try c.decodeIfPresent(String.self, forKey: .note)
            if let text = try c.decodeIfPresent(String.self, forKey: .kind) {
                guard let kind = ActorKind(rawValue: text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .kind, in: c,
                        debugDescription:
                            "unknown actor kind \"\(text)\" (one of: \(ActorKind.allowedValues))")
                }
                self.kind = kind
            }
        }
    }

    struct File: Decodable { var actors: [Entry] }

    /// The entries, in file order.
    public let entries: [Entry]
    /// Each listed name's key (see `key`) → entry index; the first entry to list a name keeps it.
    let byKey: [String: Int]

    /// A table of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        var byKey: [String: Int] = [:]
        for (k, entry) in entries.enumerated() {
            for name in entry.names {
                let key = Self.key(name)
                if !key.isEmpty && byKey[key] == nil { byKey[key] = k }
            }
        }
        self.byKey = byKey
    }

    /// The table in the text of an alias file; `file` names it in errors (`$.actors[3].kind: …`).
    public init(text: String, file: String) throws(LoadError) {
        do {
            self.init(entries: try JSONDecoder().decode(File.self, from: Data(text.utf8)).actors)
        } catch let error as DecodingError {
            throw LoadError(kind: .invalidData, diagnostics: [Self.diagnostic(error, file: file)])
        } catch {
            throw LoadError(.invalidData, file: file, message: "\(error)")
        }
    }

    /// The table of an alias file.
    public static func load(path: String) throws(LoadError) -> ActorAliases {
        let text = try FileReader.readText(path: path, what: "the actor alias table")
        return try ActorAliases(text: text, file: path)
    }

    static func diagnostic(_ error: DecodingError, file: String) -> Diagnostic {
        func path(_ keys: [any CodingKey]) -> String {
            "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return Diagnostic(file: file, path: path(c.codingPath), message: c.debugDescription)
        case .keyNotFound(let key, let c):
            return Diagnostic(file: file, path: path(c.codingPath), message: "missing \"\(key.stringValue)\"")
        @unknown default:
            return Diagnostic(file: file, path: "", message: "\(error)")
        }
    }

    /// The table compiled into sitmon (`data/actor-aliases.json`); empty if it could not be read, which a test rules out.
    public static let bundled: ActorAliases =
        (try? ActorAliases(text: bundledText, file: "actor-aliases.json"))
        ?? ActorAliases(entries: [])

    /// An empty table: names are matched only as the datasets spell them.
    public static let none = ActorAliases(entries: [])

    /// The entry whose names include `name`: compared ignoring case, accents and punctuation, without a trailing
    /// period (`Military Forces of Mali (2021-)`); `PREFIX: Full name` also by its prefix. Combined actors
    /// (`X and/or Y`) match nothing.
    public func entry(for name: String) -> Entry? {
        index(for: name).map { entries[$0] }
    }

    /// The index of `entry(for:)`.
    public func index(for name: String) -> Int? {
        guard !byKey.isEmpty, !Self.isCombined(name) else { return nil }
        let stripped = Self.withoutPeriod(name)
        if let k = byKey[Self.key(stripped)] { return k }
        let bytes = Array(stripped.utf8)
        if let colon = bytes.indices.dropLast().first(where: { bytes[$0] == 0x3A && bytes[$0 + 1] == 0x20 }) {
            let prefix = String(decoding: bytes[..<colon], as: UTF8.self)
            if let k = byKey[Self.key(prefix)] { return k }
            if let k = byKey[Self.key(String(decoding: bytes[(colon + 2)...], as: UTF8.self))] { return k }
        }
        return nil
    }

    /// The entry for the actor with id `id`.
    public func entry(id: String) -> Entry? { entries.first { $0.id == id } }

    /// True for a name that joins two actors (`JNIM: … and/or Islamic State (Greater Sahara)`).
    static func isCombined(_ name: String) -> Bool {
        TextMatcher.containsIgnoringASCIICase(Array(name.utf8), Array(" and/or ".utf8))
    }

    /// `name` without a trailing period in parentheses: `(2013-)`, `(2020-2021)`, `(1999 - )`.
    public static func withoutPeriod(_ name: String) -> String {
        let trimmed = name.trimmingSpaces
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return trimmed }
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let digits = inside.filter(\.isNumber).count
        guard digits >= 4, inside.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " || $0 == "–" }) else {
            return trimmed
        }
        return String(trimmed[..<open]).trimmingSpaces
    }

    /// Folded words of a name (case, accents and punctuation ignored): `jnim group for support of islam and muslims`.
    public static func key(_ name: String) -> String {
        // The words cut from the folded bytes as they come, with no string per word.
        let folded = TextFolding.fold(name)
        var out: [UInt8] = []
        out.reserveCapacity(folded.count)
        var pendingSpace = false
        for c in folded {
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80 {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            } else if c != UInt8(ascii: "'") {  // Jama'at = Jamaat
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
