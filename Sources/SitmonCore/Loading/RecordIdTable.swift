#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CSitmonAllocator

/// The ids of a million records, to find duplicates while loading and to look ids up while resolving references.
///
/// A record's id is already kept in the text arena (`RecordStore.ids`), so the table stores no key bytes: each slot
/// holds a 32-bit hash and the record's index, and keys are compared in place. Interning every id in a
/// `SymbolTable` (copying its bytes, FNV-hashing byte by byte) was the loader's largest cost (19 % of a load).
struct RecordIdTable {
    /// Open addressing, linear probing: `hash << 32 | record + 1`, 0 for an empty slot.
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 0) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// A 32-bit hash of an id, eight bytes at a time.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return UInt32(truncatingIfNeeded: h >> 32) }
        var i = 0
        let n = key.count
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    /// Starts fetching the slot where a key hashing to `hash` would go, so that an `insert` a little later finds it
    /// in the cache (the table of a million ids, 16 MB, is far larger than the caches: waiting for the slot was
    /// most of the time spent registering a record's id).
    @inline(__always)
    func prefetch(hash: UInt32) {
        slots.withUnsafeBufferPointer { slots in
            if let base = slots.baseAddress { sitmon_prefetch(base + (Int(hash) & mask)) }
        }
    }

    /// The record holding `key`, if any. `keyOf(record)` gives a stored record's id bytes.
    func find(
        _ key: UnsafeBufferPointer<UInt8>, hash: UInt32,
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> Int32? {
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let record = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if Self.equal(keyOf(record), key) { return record }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `record` under `key` unless the key is there already; returns the record that holds it then.
    @inline(__always)
    mutating func insert(
        _ key: UnsafeBufferPointer<UInt8>, hash: UInt32, record: Int32,
        keyOf: (Int32) -> UnsafeBufferPointer<UInt8>
    ) -> Int32? {
        insert(hash: hash, record: record) { Self.equal(keyOf($0), key) }
    }

    /// Adds `record`, whose key hashes to `hash`, unless a record with the same key is there already (`sameKey`
    /// is asked only of records with the same hash); returns that record then.
    @inline(__always)
    mutating func insert(hash: UInt32, record: Int32, sameKey: (Int32) -> Bool) -> Int32? {
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let existing = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if sameKey(existing) { return existing }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt64(hash) << 32 | UInt64(UInt32(bitPattern: record) &+ 1)
        count += 1
        return nil
    }

    /// Calls `body` with the hash and record of every entry, in the order of the slots: that is nearly the order
    /// of the slots in another table of the same or twice the size, so adding them there walks it almost
    /// sequentially (`joinSplit` adds the second half's ids to the loader's table this way).
    func forEachEntry(_ body: (_ hash: UInt32, _ record: Int32) -> Bool) {
        slots.withUnsafeBufferPointer { slots in
            for entry in slots where entry != 0 {
                if !body(UInt32(truncatingIfNeeded: entry >> 32), Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1) {
                    return
                }
            }
        }
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return memcmp(pa, pb, a.count) == 0
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & newMask
            while grown[slot] != 0 { slot = (slot + 1) & newMask }
            grown[slot] = entry
        }
        slots = grown
        mask = newMask
    }
}
