/// Interns byte strings (ids) to dense numbers without allocating a `String` per lookup:
/// open addressing over an FNV-1a hash, keys kept in one byte arena.
public struct SymbolTable: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyEnds: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of symbols.
    public var count: Int { keyEnds.count }

    /// Eight bytes at a time (the loader interns a few million references and short strings).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        Int(RecordIdTable.hash(key))
    }

    @inline(__always)
    private func keyEquals(_ symbol: Int32, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(symbol)
        let start = s == 0 ? 0 : Int(keyEnds[s - 1])
        let end = Int(keyEnds[s])
        guard end - start == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { stored in
            RecordIdTable.equal(UnsafeBufferPointer(rebasing: stored[start..<end]), key)
        }
    }

    /// The symbol of `key`, if interned.
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = SymbolTable.hash(key) & mask
        while true {
            let symbol = slots[slot]
            if symbol < 0 { return nil }
            if keyEquals(symbol, key) { return symbol }
            slot = (slot + 1) & mask
        }
    }

    /// The symbol of `key`, if interned.
    public func lookup(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { lookup($0) }
    }

    /// Interns `key`; returns its symbol and whether it was new.
    @discardableResult
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (symbol: Int32, inserted: Bool) {
        if keyEnds.count * 2 >= slots.count { grow() }
        var slot = SymbolTable.hash(key) & mask
        while true {
            let symbol = slots[slot]
            if symbol < 0 { break }
            if keyEquals(symbol, key) { return (symbol, false) }
            slot = (slot + 1) & mask
        }
        let symbol = Int32(keyEnds.count)
        keyBytes.append(contentsOf: key)
        keyEnds.append(UInt32(truncatingIfNeeded: keyBytes.count))
        slots[slot] = symbol
        return (symbol, true)
    }

    /// Interns `key`; returns its symbol and whether it was new.
    @discardableResult
    public mutating func intern(_ key: String) -> (symbol: Int32, inserted: Bool) {
        var key = key
        return key.withUTF8 { intern($0) }
    }

    /// Interns every key of `other`; element k of the result is this table's symbol for `other`'s symbol k.
    mutating func internAll(of other: SymbolTable) -> [Int32] {
        other.keyBytes.withUnsafeBufferPointer { all in
            (0..<other.keyEnds.count).map { s in
                let start = s == 0 ? 0 : Int(other.keyEnds[s - 1])
                return intern(UnsafeBufferPointer(rebasing: all[start..<Int(other.keyEnds[s])])).symbol
            }
        }
    }

    /// The key of a symbol.
    public func key(_ symbol: Int32) -> String {
        let s = Int(symbol)
        guard s >= 0, s < keyEnds.count else { return "" }
        let start = s == 0 ? 0 : Int(keyEnds[s - 1])
        return String(decoding: keyBytes[start..<Int(keyEnds[s])], as: UTF8.self)
    }

    /// The keys' bytes one after the other and where each ends (a snapshot writes them as they are).
    var storage: (bytes: [UInt8], ends: [UInt32]) { (keyBytes, keyEnds) }

    /// A table of the keys `bytes` cut at `ends` (a snapshot's, already checked: `ends` rising, the last at
    /// `bytes.count`); nil when a key comes twice.
    init?(bytes: [UInt8], ends: [UInt32]) {
        self.init(capacity: ends.count)
        keyBytes = bytes
        keyEnds = ends
        var duplicate = false
        keyBytes.withUnsafeBufferPointer { all in
            for s in 0..<keyEnds.count {
                let start = s == 0 ? 0 : Int(keyEnds[s - 1])
                let key = UnsafeBufferPointer(rebasing: all[start..<Int(keyEnds[s])])
                var slot = SymbolTable.hash(key) & mask
                while slots[slot] >= 0 {
                    if keyEquals(slots[slot], key) { duplicate = true }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Int32(s)
            }
        }
        if duplicate { return nil }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        keyBytes.withUnsafeBufferPointer { all in
            for s in 0..<keyEnds.count {
                let start = s == 0 ? 0 : Int(keyEnds[s - 1])
                let key = UnsafeBufferPointer(rebasing: all[start..<Int(keyEnds[s])])
                var slot = SymbolTable.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(s)
            }
        }
    }
}
