import CSitmonAllocator

/// Interns byte strings (ids) to dense numbers without allocating a `String` per lookup:
/// open addressing over slots of two words, the key's 32-bit hash and symbol, then where its bytes are in the one
/// byte arena that holds the keys. A probe compares a key's bytes only when the hashes are equal, and reads them
/// straight from the slot's offset (a look-up in a table of thousands waits for two cache lines, the slot's and the
/// key's, which `prefetch` and `prefetchKey` fetch ahead); an import looks up about a dozen cells a row this way.
public struct SymbolTable: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyEnds: [UInt32] = []
    /// Two words a slot: `hash << 32 | symbol + 1` (0 for an empty slot), then `start << 32 | length` of its key
    /// in `keyBytes`.
    private var slots: [UInt64]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size * 2)
        mask = size - 1
    }

    /// Number of symbols.
    public var count: Int { keyEnds.count }

    /// The hash the record id table uses, eight bytes at a time.
    @inline(__always)
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 { RecordIdTable.hash(key) }

    /// True when the key at `place` (`start << 32 | length`) is `key`.
    @inline(__always)
    private func keyEquals(_ place: UInt64, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(truncatingIfNeeded: place & 0xFFFF_FFFF) == key.count else { return false }
        guard let b = key.baseAddress else { return true }
        return keyBytes.withUnsafeBufferPointer { stored in
            guard let a = stored.baseAddress else { return false }
            return RecordIdTable.equal(a + Int(truncatingIfNeeded: place >> 32), b, count: key.count)
        }
    }

    /// The slot holding `key` (hashing to `hash`), or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (slot: Int, symbol: Int32?) {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(hash) & mask
            while true {
                let entry = slots[2 &* slot]
                if entry == 0 { return (slot, nil) }
                if UInt32(truncatingIfNeeded: entry >> 32) == hash && keyEquals(slots[2 &* slot &+ 1], key) {
                    return (slot, Int32(truncatingIfNeeded: Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1))
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Starts fetching the slot where the key that hashes to `hash` is or would go, so that a look-up of it a little
    /// later finds the slot in the cache.
    @inline(__always)
    package func prefetch(hash: UInt32) {
        let slot = Int(hash) & mask
        slots.withUnsafeBufferPointer { slots in
            if let base = slots.baseAddress { sitmon_prefetch(base + 2 &* slot) }
        }
    }

    /// Starts fetching the bytes of the key that hashes to `hash`, if its first slot holds one with that hash:
    /// the second step of a look-up fetched ahead, once the slot `prefetch(hash:)` asked for is in the cache.
    @inline(__always)
    package func prefetchKey(hash: UInt32) {
        let slot = Int(hash) & mask
        slots.withUnsafeBufferPointer { slots in
            guard UInt32(truncatingIfNeeded: slots[2 &* slot] >> 32) == hash else { return }
            let start = Int(truncatingIfNeeded: slots[2 &* slot &+ 1] >> 32)
            keyBytes.withUnsafeBufferPointer { stored in
                if let base = stored.baseAddress, start < stored.count { sitmon_prefetch(base + start) }
            }
        }
    }

    /// The symbol of `key`, if interned.
    public func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        slot(of: key, hash: Self.hash(key)).symbol
    }

    /// `lookup` of a key whose `hash` is already known.
    @inline(__always)
    package func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32? {
        assert(hash == Self.hash(key), "a key looked up with another key's hash")
        return slot(of: key, hash: hash).symbol
    }

    /// The symbol of `key`, if interned.
    public func lookup(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { lookup($0) }
    }

    /// Interns `key`; returns its symbol and whether it was new.
    @discardableResult
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (symbol: Int32, inserted: Bool) {
        intern(key, hash: Self.hash(key))
    }

    /// `intern` of a key whose `hash` is already known.
    @discardableResult
    @inline(__always)
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> (symbol: Int32, inserted: Bool) {
        assert(hash == Self.hash(key), "a key interned with another key's hash")
        if keyEnds.count * 4 >= slots.count { grow() }
        let found = slot(of: key, hash: hash)
        if let symbol = found.symbol { return (symbol, false) }
        let symbol = Int32(keyEnds.count)
        let start = keyBytes.count
        keyBytes.append(contentsOf: key)
        keyEnds.append(UInt32(truncatingIfNeeded: keyBytes.count))
        setSlot(found.slot, hash: hash, symbol: symbol, start: start, length: key.count)
        return (symbol, true)
    }

    @inline(__always)
    private mutating func setSlot(_ slot: Int, hash: UInt32, symbol: Int32, start: Int, length: Int) {
        slots[2 &* slot] = UInt64(hash) << 32 | UInt64(UInt32(bitPattern: symbol) &+ 1)
        slots[2 &* slot &+ 1] = UInt64(truncatingIfNeeded: start) << 32 | UInt64(truncatingIfNeeded: length)
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
                setSlot(found.slot, hash: hash, symbol: Int32(s), start: start, length: key.count)
            }
        }
        if duplicate { return nil }
    }

    /// Twice the slots, each entry moved by the hash it holds (no key is read or hashed again).
    private mutating func grow() {
        let size = (mask + 1) * 2
        var grown = [UInt64](repeating: 0, count: size * 2)
        let newMask = size - 1
        for k in 0...mask where slots[2 * k] != 0 {
            let entry = slots[2 * k]
            var slot = Int(truncatingIfNeeded: entry >> 32) & newMask
            while grown[2 * slot] != 0 { slot = (slot &+ 1) & newMask }
            grown[2 * slot] = entry
            grown[2 * slot + 1] = slots[2 * k + 1]
        }
        slots = grown
        mask = newMask
    }
}
