/// Phrases of folded words with a space at each end (` al qaeda `), looked for as whole words in a key padded the
/// same way (` aqim al qaeda in the islamic maghreb `): what the jihadist map and the name classifier do for every
/// distinct actor. A phrase can only start at one of the key's spaces, so each space is tried against the phrases
/// whose first byte after the space is the key's, rather than every phrase at every byte (`TextMatcher.contains`
/// per phrase: the map's 37 patterns and the classifier's 16 phrases were 0.8 % of a 1M-row import's CPU samples,
/// 0.15 % this way). The result is the same: a match of a phrase starting with a space starts at a space.
struct PaddedPhrases: Sendable, Hashable {
    /// The phrases' bytes one after the other: phrase `k` is `bytes[offsets[k]..<offsets[k + 1]]`.
    private let bytes: [UInt8]
    private let offsets: [Int32]
    /// The phrases' indexes by their second byte (the first of their first word), in increasing order: those of
    /// byte `b` are `order[start[b]..<start[b + 1]]`.
    private let start: [Int32]
    private let order: [Int32]

    /// An index of `phrases`, each a space, at least one byte and a space. (Others are never found.)
    init(_ phrases: [[UInt8]]) {
        var bytes: [UInt8] = []
        var offsets: [Int32] = [0]
        var counts = [Int32](repeating: 0, count: 257)
        for phrase in phrases {
            bytes.append(contentsOf: phrase)
            offsets.append(Int32(bytes.count))
            if phrase.count >= 3 && phrase[0] == 0x20 { counts[Int(phrase[1]) + 1] += 1 }
        }
        for b in 0..<256 { counts[b + 1] += counts[b] }
        var order = [Int32](repeating: 0, count: Int(counts[256]))
        var next = counts
        for (k, phrase) in phrases.enumerated() where phrase.count >= 3 && phrase[0] == 0x20 {
            order[Int(next[Int(phrase[1])])] = Int32(k)
            next[Int(phrase[1])] += 1
        }
        self.bytes = bytes
        self.offsets = offsets
        self.start = counts
        self.order = order
    }

    /// The lowest index of a phrase `text` contains, or nil.
    func firstMatch(in text: [UInt8]) -> Int? {
        var best = Int.max
        forEachMatch(in: text) { k in best = min(best, k) }
        return best == Int.max ? nil : best
    }

    /// The phrases among the first 64 that `text` contains, phrase `k` as bit `k`.
    func mask(in text: [UInt8]) -> UInt64 {
        var found: UInt64 = 0
        forEachMatch(in: text) { k in if k < 64 { found |= 1 << UInt64(k) } }
        return found
    }

    /// Calls `body` with the index of each phrase `text` contains (once per place it is found).
    @inline(__always)
    private func forEachMatch(in text: [UInt8], _ body: (Int) -> Void) {
        text.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { p in
                offsets.withUnsafeBufferPointer { offsets in
                    start.withUnsafeBufferPointer { start in
                        order.withUnsafeBufferPointer { order in
                            let n = t.count
                            var i = 0
                            while i + 1 < n {
                                if t[i] == 0x20 {
                                    let b = Int(t[i + 1])
                                    for slot in Int(start[b])..<Int(start[b + 1]) {
                                        let k = Int(order[slot])
                                        let from = Int(offsets[k]), count = Int(offsets[k + 1]) - from
                                        guard i + count <= n else { continue }
                                        var j = 2
                                        while j < count && t[i + j] == p[from + j] { j += 1 }
                                        if j == count { body(k) }
                                    }
                                }
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }
}
