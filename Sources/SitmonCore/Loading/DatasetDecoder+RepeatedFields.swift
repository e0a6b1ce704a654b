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
        guard let k = fields.firstIndex(where: { reader.span(key, equals: $0) }) else { return false }
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
}
