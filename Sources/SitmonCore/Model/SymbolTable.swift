import CSitmonAllocator

/// Interns byte strings (ids) to dense numbers without allocating a `String` per lookup:
/// open addressing over a 32-bit hash kept in each slot with its symbol, keys kept in one byte arena. A probe compares
/// a key's bytes only when the hashes are equal; an import looks up about a dozen cells a row this way.
public struct SymbolTable: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyEnds: [UInt32] = []
    /// `hash << 32 | symbol + 1`, 0 for an empty slot.
    private var slots: [UInt64]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Number of symbols.
    public var count: Int { keyEnds.count }

    /// The hash the record id table uses, eight bytes at a time.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 { RecordIdTable.hash(key) }

    @inline(__always)
    private func keyEquals(_ symbol: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = symbol == 0 ? 0 : Int(keyEnds[symbol &- 1])
        let end = Int(keyEnds[symbol])
        guard end &- start == key.count else { return false }
        guard let b = key.baseAddress else { return true }
        return keyBytes.withUnsafeBufferPointer { stored in
            guard let a = stored.baseAddress else { return false }
            return RecordIdTable.equal(a + start, b, count: key.count)
        }
    }

    /// The slot holding `key` (hashing to `hash`), or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (slot: Int, symbol: Int32?) {
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let symbol = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if keyEquals(symbol, key) { return (slot, Int32(truncatingIfNeeded: symbol)) }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Starts fetching the slot where `key` is or would go, so that a look-up of it a little later finds the slot
    /// in the cache.
    @inline(__always)
    package func prefetch(_ key: UnsafeBufferPointer<UInt8>) {
        let slot = Int(Self.hash(key)) & mask
        slots.withUnsafeBufferPointer { slots in
            if let base = slots.baseAddress { sitmon_prefetch(base + slot) }
        }
    }

    /// The symbol of `key`, if interned.
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        slot(of: key, hash: Self.hash(key)).symbol
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
        let hash = Self.hash(key)
        let found = slot(of: key, hash: hash)
        if let symbol = found.symbol { return (symbol, false) }
        let symbol = Int32(keyEnds.count)
        keyBytes.append(contentsOf: key)
        keyEnds.append(UInt32(truncatingIfNeeded: keyBytes.count))
        slots[found.slot] = Self.entry(hash: hash, symbol: symbol)
        return (symbol, true)
    }

    @inline(__always)
    private static func entry(hash: UInt32, symbol: Int32) -> UInt64 {
        UInt64(hash) << 32 | UInt64(UInt32(bitPattern: symbol) &+ 1)
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
                let hash = Self.hash(key)
                let found = slot(of: key, hash: hash)
                if found.symbol != nil {
                    duplicate = true
                    continue
                }
                slots[found.slot] = Self.entry(hash: hash, symbol: Int32(s))
            }
        }
        if duplicate { return nil }
    }

    /// Twice the slots, each entry moved by the hash it holds (no key is read or hashed again).
    private mutating func grow() {
        let size = slots.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
            while grown[slot] != 0 { slot = (slot &+ 1) & newMask }
            grown[slot] = entry
        }
        slots = grown
        mask = newMask
    }
}
