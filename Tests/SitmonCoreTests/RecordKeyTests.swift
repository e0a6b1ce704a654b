import Testing

@testable import SitmonCore

/// Keys read by `JSONReader.nextKey`'s short path and record fields matched by word (`DatasetDecoder.recordField`),
/// each checked against the general way it replaces.
@Suite("Record keys")
struct RecordKeyTests {
    /// What reading every key of the object at the start of `json` gives: each key's text, where it starts, where
    /// reading stood after it (values are skipped), or the error.
    func keys(_ json: String, general: Bool) -> String {
        var buffer = Array(json.utf8) + [0]
        let count = buffer.count - 1
        return buffer.withUnsafeMutableBufferPointer { raw -> String in
            guard let base = raw.baseAddress else { return "no buffer" }
            var reader = JSONReader(base: base, count: count)
            var out: [String] = []
            do throws(JSONSyntaxError) {
                try reader.beginObject()
                while let key = try general ? reader.nextKeyInGeneral() : reader.nextKey() {
                    out.append("\(reader.string(key))@\(reader.lastKeyOffset)>\(reader.position)")
                    try reader.skipValue()
                }
                out.append("end@\(reader.position)")
            } catch {
                out.append("error@\(error.offset): \(error.message)")
            }
            return out.joined(separator: " ")
        }
    }

    @Test("keys read the short way are those read the general way, at the same places, with the same errors")
    func shortKeysMatchGeneral() {
        var documents = [
            #"{"a": 1}"#, #"{"a":1,"b":2}"#, #"{ "a" : 1 , "b" : 2 }"#, #"{"a": 1 ,"b": 2}"#, #"{"a": 1,  "b": 2}"#,
            "{\"a\": 1,\n    \"b\": 2}", #"{"": 1, "": 2}"#, #"{"a\"b": 1, "a\u0062": 2, "\\": 3}"#,
            #"{"Ségou": 1, "né": 2, "abcdefghé": 3}"#, #"{"a": 1 "b": 2}"#, #"{"a" 1}"#, #"{"a": 1,, "b": 2}"#,
            #"{"a": 1, }"#, #"{"a": 1, 2: 3}"#, #"{"a": {"b": {"c": [1, {"d": 2}]}}, "e": 3}"#, "{\"a\u{1}b\": 1}",
            #"{"id": "ev-1", "date": "2012-01-01", "category": "other", "fatalities": {"best": 8}, "perpetrators": []}"#,
        ]
        // Every key length around the two eight-byte words, each followed by every way of ending it.
        for length in 0...20 {
            let key = String(repeating: "k", count: length)
            for after in [": 1", ":1", " : 1", "", ":", "\": 1"] {
                documents.append("{\"x\": 0, \"" + key + "\"" + after + "}")
                documents.append("{\"" + key + "\"" + after + ", \"y\": 2}")
            }
            // Cut short: the document ends inside or right after the key, where fewer than 20 bytes are left.
            documents.append("{\"x\": 0, \"" + key)
            documents.append("{\"" + key + "\"")
        }
        for document in documents {
            #expect(keys(document, general: false) == keys(document, general: true), "\(document)")
        }
    }

    /// The field `key` names, matched by word and by name, from a buffer where the key is followed by `padding`
    /// bytes (the word matcher is used only when sixteen bytes are readable).
    func field(_ key: [UInt8], padding: Int = 16) -> (
        byWord: DatasetDecoder.RecordField?, byName: DatasetDecoder.RecordField?
    ) {
        var buffer = key + [UInt8](repeating: UInt8(ascii: "\""), count: padding)
        return buffer.withUnsafeMutableBufferPointer { raw in
            guard let base = raw.baseAddress else { return (nil, nil) }
            let span = ByteSpan(start: 0, count: key.count)
            return (
                DatasetDecoder.recordField(span, in: base, readable: raw.count),
                DatasetDecoder.recordFieldByName(span, in: base)
            )
        }
    }

    @Test("every record field is matched by word as by name, and no near miss is")
    func wordMatchesName() {
        var keys: [[UInt8]] = []
        for name in DatasetDecoder.recordFields {
            let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            keys.append(bytes)
            keys.append(bytes + [UInt8(ascii: "s")])
            keys.append(Array(bytes.dropLast()))
            keys.append(Array(bytes.dropFirst()))
            keys.append(bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 })
            for k in bytes.indices {
                // One byte changed (by one bit, and to the next letter), at every place.
                for change: UInt8 in [0x01, 0x20, 0x80] {
                    var near = bytes
                    near[k] ^= change
                    keys.append(near)
                }
            }
        }
        var seed: UInt64 = 14
        for _ in 0..<2000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(seed >> 59)
            keys.append((0..<length).map { k in UInt8(ascii: "a") + UInt8((seed >> UInt64(k * 3 % 50)) & 15) })
        }
        for key in keys {
            let found = field(key)
            #expect(found.byWord == found.byName, "\(String(decoding: key, as: UTF8.self))")
        }
        for (k, name) in DatasetDecoder.recordFields.enumerated() {
            let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            #expect(field(bytes).byWord == DatasetDecoder.RecordField(rawValue: k))
        }
        // Near the end of the bytes read, the key is matched by name: the same answers.
        for name in ["id", "originalType", "perpetrator"] {
            let found = field(Array(name.utf8), padding: 1)
            #expect(found.byWord == found.byName)
        }
        #expect(field(Array("alternatives".utf8), padding: 0).byWord == .alternatives)
    }

    @Test("the words of the nested objects' field names are their names, and keys are matched by word as by name")
    func shortKeyWords() {
        let words: [(String, UInt64)] = [
            ("actor", DatasetDecoder.ShortKey.actor), ("role", DatasetDecoder.ShortKey.role),
            ("best", DatasetDecoder.ShortKey.best), ("low", DatasetDecoder.ShortKey.low),
            ("high", DatasetDecoder.ShortKey.high), ("note", DatasetDecoder.ShortKey.note),
        ]
        for (name, word) in words {
            var buffer = Array(name.utf8) + [UInt8](repeating: UInt8(ascii: "\""), count: 8)
            let found = buffer.withUnsafeMutableBufferPointer { raw in
                raw.baseAddress.flatMap {
                    DatasetDecoder.shortKeyWord(ByteSpan(start: 0, count: name.utf8.count), in: $0, readable: raw.count)
                }
            }
            #expect(found == word, "\(name)")
        }
    }

    @Test(
        "participations and fatalities read their fields by word: values, repeats, near misses and unknown fields",
        arguments: [
            (#"{"actor": "jnim", "role": "target"}"#, ""),
            (#"{"role": "target", "actor": "jnim"}"#, ""),
            (#"{"actor": "jnim", "actor": "isgs"}"#, "field 'actor' appears twice"),
            (#"{"actor": "jnim", "rolE": "x"}"#, "unknown field 'rolE'"),
            (#"{"actors": "jnim"}"#, "unknown field 'actors'|missing required field 'actor'"),
            (#"{"acto": "jnim"}"#, "unknown field 'acto'|missing required field 'actor'"),
            (#"{"": "jnim", "actor": "jnim"}"#, "unknown field ''"),
            (#"{"role": "target"}"#, "missing required field 'actor'"),
        ])
    func nestedFieldsByWord(participation: String, message: String) throws {
        let fatalities = [
            (#"{"best": 3, "low": 1, "high": 5, "note": "n"}"#, ""),
            (#"{"best": 3, "best": 4}"#, "field 'best' appears twice"),
            (#"{"lowx": 1}"#, "unknown field 'lowx'"),
            (#"{"hig": 1}"#, "unknown field 'hig'"),
            (#"{"low": 6, "best": 5}"#, "low (6) is greater than best (5)"),
        ]
        for (fatality, fatalityMessage) in fatalities {
            let record =
                #"{"id": "mli1", "date": "2012-01-01", "category": "armed-clash", "region": "gao", "#
                + #""actors": [\#(participation)], "fatalities": \#(fatality), "sources": ["s"]}"#
            let messages = loadMessages(incident: record)
            #expect(
                messages == (message + "|" + fatalityMessage).split(separator: "|").map(String.init),
                "\(participation) \(fatality)")
        }
    }

    /// The problems of a dataset holding one incident (with the actors and source it names), their messages only.
    func loadMessages(incident: String) -> [String] {
        let json =
            #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "t"}, "#
            + #""sources": [{"id": "s", "title": "S"}], "#
            + #""actors": [{"id": "jnim", "name": "JNIM", "kind": "jihadist-group", "sources": ["s"]}, "#
            + #"{"id": "isgs", "name": "ISGS", "kind": "jihadist-group", "sources": ["s"]}], "#
            + #""regions": [{"id": "gao", "name": "Gao", "kind": "region", "zone": "north", "sources": ["s"]}], "#
            + #""events": [], "#
            + #""incidents": [\#(incident)]}"#
        do {
            _ = try DatasetLoader.load(bytes: Array(json.utf8), name: "t.json")
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }
}
