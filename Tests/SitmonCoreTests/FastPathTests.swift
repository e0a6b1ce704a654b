import Foundation
import Testing
@testable import SitmonCore

/// The loader's fast paths (strings scanned eight bytes at a time, field dispatch, the record id table) against
/// the plain definitions they replace.
@Suite("Loader fast paths")
struct FastPathTests {
    @Test("a quote, backslash, control or non-ASCII byte at any place in a string is found")
    func stringScan() throws {
        for length in 0..<20 {
            for place in 0...length {
                for special in ["\\\"", "\\n", "é", "\\u00e9"] {
                    let plain = String(repeating: "a", count: length)
                    let text = String(plain.prefix(place)) + special + String(plain.dropFirst(place))
                    var buffer = Array("\"\(text)\" ".utf8)
                    let count = buffer.count
                    let decoded = try buffer.withUnsafeMutableBufferPointer { raw -> String in
                        guard let base = raw.baseAddress else { return "" }
                        var reader = JSONReader(base: base, count: count)
                        return reader.string(try reader.readString(keep: true))
                    }
                    let expected = special == "\\\"" ? "\"" : special == "\\n" ? "\n" : "é"
                    #expect(decoded == String(plain.prefix(place)) + expected + String(plain.dropFirst(place)))
                }
                var raw = Array("\"\(String(repeating: "a", count: length))\" ".utf8)
                raw.insert(0x01, at: 1 + place)
                let count = raw.count
                let failed = raw.withUnsafeMutableBufferPointer { buffer -> Bool in
                    guard let base = buffer.baseAddress else { return false }
                    var reader = JSONReader(base: base, count: count)
                    do throws(JSONSyntaxError) {
                        _ = try reader.readString(keep: false)
                        return false
                    } catch {
                        return error.offset == 1 + place
                    }
                }
                #expect(failed, "control character at \(place) of \(length)")
            }
        }
    }

    @Test("commas are tracked at every level, past the first 64 too")
    func deepCommas() {
        func parse(_ text: String) -> JSONSyntaxError? {
            var buffer = Array(text.utf8)
            let count = buffer.count
            return buffer.withUnsafeMutableBufferPointer { raw -> JSONSyntaxError? in
                guard let base = raw.baseAddress else { return nil }
                var reader = JSONReader(base: base, count: count)
                do throws(JSONSyntaxError) {
                    try reader.skipValue()
                    try reader.finish()
                    return nil
                } catch {
                    return error
                }
            }
        }
        for depth in [31, 32, 33, 50, 200] {  // two levels each: 63 to 401 levels deep
            let valid =
                String(repeating: "[0,{\"k\":", count: depth) + "[]" + String(repeating: ",\"x\":1},2]", count: depth)
            #expect(parse(valid) == nil, "depth \(depth)")
            // The comma after the innermost object is missing.
            let broken =
                String(repeating: "[0,{\"k\":", count: depth) + "[]" + String(repeating: ",\"x\":1} 2]", count: depth)
            #expect(parse(broken)?.message == "unexpected '2', expected ',' or ']'", "depth \(depth)")
        }
    }

    @Test("each record field name is its own field, anything else none")
    func fieldBits() {
        for (k, name) in DatasetDecoder.recordFields.enumerated() {
            for candidate in ["\(name)", "\(name)x", "x\(name)", String("\(name)".dropLast()) + "_"] {
                // Matched by name (the key at the end of what is readable) and by word (sixteen bytes readable).
                var buffer = Array(candidate.utf8) + [UInt8](repeating: 0, count: 16)
                let count = candidate.utf8.count
                for readable in [count, count + 16] {
                    let field = buffer.withUnsafeMutableBufferPointer { raw -> DatasetDecoder.RecordField? in
                        guard let base = raw.baseAddress else { return nil }
                        return DatasetDecoder.recordField(
                            ByteSpan(start: 0, count: count), in: base, readable: readable)
                    }
                    #expect(field?.rawValue == (candidate == "\(name)" ? k : nil), "\(candidate)")
                }
            }
        }
    }

    @Test("the symbol table tells apart keys of every length that differ in one byte anywhere, across growth")
    func symbolTableNearMisses() {
        var table = SymbolTable(capacity: 4)
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x61 + ($0 * 7 + length) % 26) }
            keys.append(base)
            for position in 0..<length {
                var changed = base
                changed[position] ^= 0x01
                keys.append(changed)
            }
        }
        for (k, key) in keys.enumerated() {
            let (symbol, inserted) = key.withUnsafeBufferPointer { table.intern($0) }
            #expect(inserted && symbol == Int32(k), "key \(k) of \(key.count) bytes taken for another")
        }
        #expect(table.count == keys.count)
        for (k, key) in keys.enumerated() {
            #expect(key.withUnsafeBufferPointer { table.lookup($0) } == Int32(k))
            #expect(key.withUnsafeBufferPointer { table.intern($0) } == (Int32(k), false))
            #expect(table.key(Int32(k)) == String(decoding: key, as: UTF8.self))
        }
        #expect([UInt8](repeating: 0x7A, count: 9).withUnsafeBufferPointer { table.lookup($0) } == nil)
    }

    @Test("byte keys compare equal only when every byte is, at every length around the word sizes")
    func keyEquality() {
        for length in 0...80 {
            let base = (0..<length).map { UInt8(0x41 + ($0 * 5 + length) % 50) }
            let copy = Array(base)
            base.withUnsafeBufferPointer { a in
                copy.withUnsafeBufferPointer { b in #expect(RecordIdTable.equal(a, b), "length \(length)") }
                for position in 0..<length {
                    var changed = base
                    changed[position] ^= 0x80
                    changed.withUnsafeBufferPointer { b in
                        #expect(!RecordIdTable.equal(a, b), "length \(length), byte \(position) differs")
                    }
                }
                let longer = base + [0]
                longer.withUnsafeBufferPointer { b in #expect(!RecordIdTable.equal(a, b)) }
            }
        }
    }

    @Test("the inline byte comparison finds a difference in any byte, at every length around the loads")
    func symbolKeyEquality() {
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x41 + ($0 * 5 + length) % 50) }
            // Compared at an odd offset in a larger buffer too, so that no load is aligned.
            let shifted = [0x7E] + base + [0x7E]
            base.withUnsafeBufferPointer { a in
                shifted.withUnsafeBufferPointer { s in
                    guard let pa = a.baseAddress ?? s.baseAddress, let ps = s.baseAddress else { return }
                    #expect(RecordIdTable.equal(pa, ps + 1, count: length), "length \(length)")
                    #expect(SymbolTable.hash(a) == SymbolTable.hash(UnsafeBufferPointer(rebasing: s[1..<length + 1])))
                    for position in 0..<length {
                        for flip: UInt8 in [0x01, 0x80] {
                            var changed = shifted
                            changed[position + 1] ^= flip
                            changed.withUnsafeBufferPointer { c in
                                guard let pc = c.baseAddress else { return }
                                #expect(
                                    !RecordIdTable.equal(pa, pc + 1, count: length),
                                    "length \(length), byte \(position) differs")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("the record id table finds every id it was given, across growth, and no other")
    func idTable() {
        let ids =
            (0..<5000).map { "rec-\($0 * 7919 % 100_003)" } + ["a", "", "a-very-long-identifier-of-forty-bytes-x"]
        var arena: [UInt8] = []
        var refs: [TextRef] = []
        for id in ids {
            refs.append(TextRef(offset: UInt32(arena.count), length: UInt32(id.utf8.count)))
            arena += Array(id.utf8)
        }
        arena.append(0)
        var table = RecordIdTable()
        arena.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else { return }
            let keyOf = { (r: Int32) in DatasetDecoder.key(of: refs[Int(r)], in: base) }
            for (k, _) in ids.enumerated() {
                let key = keyOf(Int32(k))
                #expect(table.insert(key, hash: RecordIdTable.hash(key), record: Int32(k), keyOf: keyOf) == nil)
            }
            for (k, _) in ids.enumerated() {
                let key = keyOf(Int32(k))
                #expect(table.insert(key, hash: RecordIdTable.hash(key), record: 99_999, keyOf: keyOf) == Int32(k))
            }
            var missing = "rec-100004"
            let found = missing.withUTF8 { table.find($0, hash: RecordIdTable.hash($0), keyOf: keyOf) }
            #expect(found == nil)
        }
        #expect(table.count == ids.count)
    }
}
