import CSitmonAllocator

/// The ids of a million records, to find duplicates while loading and to look ids up while resolving references.
///
/// A record's id is already kept in the text arena (`RecordStore.ids`), so the table stores no key bytes: each slot
/// holds a 32-bit hash and the record's index, and keys are compared in place. Interning every id in a
/// `SymbolTable` (copying its bytes, FNV-hashing byte by byte) was the loader's largest cost (19 % of a load).
package struct RecordIdTable {
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

    /// A 32-bit hash of an id (and of `SymbolTable`'s keys): the low half of `hash64`.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 { UInt32(truncatingIfNeeded: hash64(key)) }

    /// A 64-bit hash of an id, eight bytes at a time; a tail shorter than eight bytes is read with the last eight
    /// bytes (overlapping the words before it) or, in a key shorter than eight, with two overlapping loads. The same
    /// in every run (unlike `Hasher`'s): equal hashes of different keys can be made on purpose, so a caller must not
    /// take them for equal keys without comparing them, or must only lose speed when it does.
    @inline(__always)
    package static func hash64(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard n > 0, let base = key.baseAddress else { return h >> 32 }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func load64(_ at: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        @inline(__always) func load32(_ at: Int) -> UInt64 {
            UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        if n >= 8 {
            var i = 0
            while i &+ 8 <= n {
                h = (h ^ load64(i)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i &+= 8
            }
            if i < n { h = (h ^ load64(n &- 8)) &* 0x94D0_49BB_1331_11EB }
        } else if n >= 4 {
            h = (h ^ (load32(0) | load32(n &- 4) << 32)) &* 0x94D0_49BB_1331_11EB
        } else {
            let word = UInt64(base[0]) | UInt64(base[n >> 1]) << 8 | UInt64(base[n &- 1]) << 16
            h = (h ^ word) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
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
        return equal(pa, pb, count: a.count)
    }

    /// True when `a` and `b` hold the same `n` bytes: eight at a time, the last eight overlapping, without a call
    /// for the short keys the tables hold (ids, `SymbolTable`'s keys, the import's remembered cells).
    @inline(__always)
    package static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        if n >= 8 {
            var i = 0
            while i &+ 8 < n {
                if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                {
                    return false
                }
                i &+= 8
            }
            return ra.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                == rb.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        }
        if n >= 4 {
            return ra.loadUnaligned(as: UInt32.self) == rb.loadUnaligned(as: UInt32.self)
                && ra.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
                    == rb.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
        }
        var i = 0
        while i < n {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
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
