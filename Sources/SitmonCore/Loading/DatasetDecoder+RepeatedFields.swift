/// Repeated member names in the small tables and the objects nested in records.
///
/// A field given twice is a problem (which value would be meant? other JSON readers disagree), reported at the
/// repeated key as "field 'x' appears twice", and the repeat is skipped. Events and incidents do the same in
/// `decodeRecord`. Only the object's known fields are tracked, one bit each: an unknown field is already reported
/// every time it appears.
extension DatasetDecoder {
    static let infoFields: [StaticString] = ["id", "title", "description", "asOf", "licence", "attribution"]
    static let sourceFields: [StaticString] = [
        "id", "title", "publisher", "authors", "date", "url", "accessed", "document",
        "note",
    ]
    static let roleFields: [StaticString] = ["title", "start", "end", "sources"]
    static let actorFields: [StaticString] = [
        "id", "name", "shortName", "aliases", "kind", "parent", "roles", "summary",
        "sources",
    ]
    static let relationFields: [StaticString] = ["id", "kind", "from", "to", "start", "end", "note", "sources"]
    static let placeFields: [StaticString] = ["name", "lat", "lon"]
    static let regionFields: [StaticString] = [
        "id", "name", "aliases", "kind", "iso", "zone", "parent", "capital",
        "sources",
    ]
    static let assessmentFields: [StaticString] = [
        "id", "region", "start", "end", "presence", "trend", "groups",
        "statement", "sources",
    ]
    static let participationFields: [StaticString] = ["actor", "role"]
    static let fatalitiesFields: [StaticString] = ["best", "low", "high", "note"]
    static let originFields: [StaticString] = [
        "ids", "datePrecision", "geoPrecision", "admin1", "admin2", "admin3",
        "sourceScale", "tags",
    ]
    static let figureFields: [StaticString] = ["label", "value", "unit", "qualifier"]
    static let alternativeFields: [StaticString] = ["field", "value", "sources", "note"]

    /// True when `key` (just read by `nextKey`) is a known field already seen in this object: the problem is
    /// reported at the key, its value skipped, and the caller moves on to the next key. `seen` holds a bit per
    /// field of `fields` (at most 32).
    mutating func skipRepeatedField(
        _ key: ByteSpan, _ fields: [StaticString], _ seen: inout UInt32,
        _ path: @autoclosure () -> String
    ) throws(JSONSyntaxError) -> Bool {
        try skipRepeatedField(key, field: fields.firstIndex { reader.span(key, equals: $0) }, &seen, path())
    }

    /// `skipRepeatedField` for a key already matched: `field` is its index among the object's fields, nil for an
    /// unknown field.
    mutating func skipRepeatedField(
        _ key: ByteSpan, field: Int?, _ seen: inout UInt32, _ path: @autoclosure () -> String
    ) throws(JSONSyntaxError) -> Bool {
        guard let k = field else { return false }
        let bit: UInt32 = 1 << UInt32(k)
        if seen & bit == 0 {
            seen |= bit
            return false
        }
        let at = reader.lastKeyOffset
        if diagnostics.isFull {
            diagnostics.countOne()  // a flood of problems: count them without formatting each one
        } else {
            problem(path(), "field '\(reader.string(key))' appears twice", at: at)
        }
        try reader.skipValue()
        return true
    }

    /// A key of at most eight bytes as a word (little-endian, the bytes past the key cleared), to be compared with
    /// a name's word in `ShortKey`; nil for a longer key or when eight bytes are not readable at the key.
    @inline(__always)
    static func shortKeyWord(_ key: ByteSpan, in base: UnsafeMutablePointer<UInt8>, readable: Int) -> UInt64? {
        guard key.count <= 8, key.start &+ 8 <= readable else { return nil }
        let word = UInt64(littleEndian: UnsafeRawPointer(base + key.start).loadUnaligned(as: UInt64.self))
        return key.count == 8 ? word : word & ((1 << UInt64(key.count &* 8)) &- 1)
    }

    /// The names of the fields of the objects nested in every record (participations, fatalities) as the words
    /// `shortKeyWord` gives (the tests check each against its name).
    enum ShortKey {
        static let actor: UInt64 = 0x72_6f74_6361
        static let role: UInt64 = 0x656c_6f72
        static let best: UInt64 = 0x7473_6562
        static let low: UInt64 = 0x77_6f6c
        static let high: UInt64 = 0x6867_6968
        static let note: UInt64 = 0x6574_6f6e
    }

    /// The index in `names` of the field `key` names (two to four names of at most eight bytes, `words` their
    /// `ShortKey` words in the same order, 0 past the last name), nil for an unknown field: by word when it can be
    /// read, else by name.
    @inline(__always)
    func shortField(_ key: ByteSpan, _ words: (UInt64, UInt64, UInt64, UInt64), _ names: [StaticString]) -> Int? {
        guard let word = Self.shortKeyWord(key, in: reader.base, readable: reader.count) else {
            return key.count <= 8 ? names.firstIndex { reader.span(key, equals: $0) } : nil
        }
        if word == words.0 { return 0 }
        if word == words.1 { return 1 }
        if word == words.2 { return names.count > 2 ? 2 : nil }
        if word == words.3 { return names.count > 3 ? 3 : nil }
        return nil
    }
}
