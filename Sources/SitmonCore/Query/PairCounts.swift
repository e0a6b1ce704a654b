/// Counts keyed by a small non-negative integer (a region × actor pair in `QueryTally`): in a flat array when the
/// keys are few, else in an open-addressing table. At 1,000 regions × 20,000 actors a flat array is 20 million
/// counters, cleared and scanned on every filter (≈ 100 ms); the table holds only the pairs seen.
struct PairCounts {
    /// Key spaces up to this size are counted in a flat array (1 MB).
    static let denseLimit = 1 << 18

    private let isDense: Bool
    private var dense: [Int32]
    /// Table slots: the key, or −1 when empty; a power of two long, at most half full.
    private var keys: [Int]
    private var values: [Int32]
    private var used = 0

    /// Counts for keys `0..<keySpace`.
    init(keySpace: Int) {
        isDense = keySpace <= PairCounts.denseLimit
        if isDense {
            dense = [Int32](repeating: 0, count: max(0, keySpace))
            keys = []
            values = []
        } else {
            dense = []
            keys = [Int](repeating: -1, count: 1024)
            values = [Int32](repeating: 0, count: 1024)
        }
    }

    @inline(__always)
    static func slot(_ key: Int, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> 24) & mask
    }

    /// Adds one to `key`'s count.
    @inline(__always)
    mutating func increment(_ key: Int) {
        if isDense {
            dense[key] += 1
            return
        }
        if (used + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = PairCounts.slot(key, mask: mask)
        while true {
            let k = keys[slot]
            if k == key {
                values[slot] += 1
                return
            }
            if k < 0 {
                keys[slot] = key
                values[slot] = 1
                used += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [Int](repeating: -1, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for s in oldKeys.indices where oldKeys[s] >= 0 {
            var slot = PairCounts.slot(oldKeys[s], mask: mask)
            while keys[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[s]
            values[slot] = oldValues[s]
        }
    }

    /// Calls `body` with each key counted at least once and its count (in no particular order).
    func forEach(_ body: (Int, Int32) -> Void) {
        if isDense {
            for k in dense.indices where dense[k] > 0 { body(k, dense[k]) }
        } else {
            for s in keys.indices where keys[s] >= 0 { body(keys[s], values[s]) }
        }
    }
}
