import SitmonCore

/// The title each (event type, place) pair of a half's events was given, so that later events of the pair share
/// its text (`FastImportHalf.append`). Open addressing over the pair's 64-bit key with one multiplication for a
/// hash: a `Dictionary` hashed every key with SipHash, 1 % of the reading threads' samples.
struct EventTitleTable {
    private struct Slot {
        var key: Int64
        /// `TextRef.none` for an empty slot.
        var title: TextRef
    }
    private var slots = [Slot](repeating: Slot(key: 0, title: .none), count: 64)
    private var mask = 63
    /// Number of pairs.
    private(set) var count = 0

    @inline(__always)
    private func home(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The title of `key`'s pair; setting `TextRef.none` is ignored (it marks an empty slot).
    subscript(key: Int64) -> TextRef? {
        get {
            var k = home(key)
            while true {
                let slot = slots[k]
                if slot.title.isNone { return nil }
                if slot.key == key { return slot.title }
                k = (k &+ 1) & mask
            }
        }
        set {
            guard let title = newValue, !title.isNone else { return }
            if (count + 1) * 2 > slots.count { grow() }
            var k = home(key)
            while !slots[k].title.isNone && slots[k].key != key { k = (k &+ 1) & mask }
            if slots[k].title.isNone { count += 1 }
            slots[k] = Slot(key: key, title: title)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, title: .none), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where !slot.title.isNone {
            var k = home(slot.key)
            while !slots[k].title.isNone { k = (k &+ 1) & mask }
            slots[k] = slot
        }
    }
}
