/// Sorts integers by their bits, eleven at a time (a pass over the array and a buffer of its size for each eleven
/// bits that differ; keys of up to `singlePassBits` bits in one pass): for the fast path's half a million id hashes
/// per thread, and the index's million records by date, several times quicker than the standard library's
/// comparison sort (each was ≈ 2 % of a 1M-row import's CPU, the index's on the one thread it waits on). The
/// orders are those of the comparisons they replace.
package enum RadixSort {
    static let digitBits = 11
    /// The widest keys sorted in one pass, with a counter for each value (65,536 counters, 512 KB): a million
    /// records' start days over ten to forty years take 12 to 14 bits, and 15 to 17 with the last day's distance
    /// from the start (week or month precisions), which passes of eleven bits sorted in two passes and one pass
    /// sorts two to three times quicker (1M records: 12 bits 9.6 → 3.8 ms, 15 bits 14.8 → 6.9 ms, 16 bits 10.8 →
    /// 5.0 ms), on the one thread the index waits on.
    static let singlePassBits: UInt64 = 16

    /// Sorts `values` in ascending order (`sort()`'s).
    package static func sort(_ values: inout [Int]) {
        guard values.count > 256 else {
            values.sort()
            return
        }
        // The sign bit flipped: negative numbers first, as `<` orders them.
        sort(&values, bits: 64) { UInt64(bitPattern: Int64($0)) ^ (1 << 63) }
    }

    /// The indexes `0..<primary.count` ordered by `primary`, then `secondary`, then index: as sorting the indexes
    /// with that comparison. The two keys are sorted as one: the primary relative to its smallest value, then the
    /// secondary's difference from the primary (for one primary value, the same order as the secondary), in as many
    /// bits as their ranges take: a million records' start and last days, a few decades apart and mostly with the
    /// last day the start's, take two passes instead of four (docs/benchmarks.md, session 10).
    package static func order(by primary: UnsafeBufferPointer<Int32>, then secondary: UnsafeBufferPointer<Int32>)
        -> [Int32]
    {
        let n = min(primary.count, secondary.count)
        var order = (0..<Int32(n)).map { $0 }
        guard n > 1 else { return order }
        var primaryLow = Int64.max, primaryHigh = Int64.min, differenceLow = Int64.max, differenceHigh = Int64.min
        for k in 0..<n {
            let p = Int64(primary[k]), d = Int64(secondary[k]) - p
            primaryLow = min(primaryLow, p)
            primaryHigh = max(primaryHigh, p)
            differenceLow = min(differenceLow, d)
            differenceHigh = max(differenceHigh, d)
        }
        let primaryBits = UInt64(64 - UInt64(primaryHigh - primaryLow).leadingZeroBitCount)
        let differenceBits = UInt64(64 - UInt64(differenceHigh - differenceLow).leadingZeroBitCount)
        if primaryBits + differenceBits <= 64 {
            sort(&order, bits: primaryBits + differenceBits) { i in
                let p = Int64(primary[Int(i)])
                return UInt64(p - primaryLow) << differenceBits | UInt64(Int64(secondary[Int(i)]) - p - differenceLow)
            }
            return order
        }
        // Least significant key first: each pass is stable, so ties keep the earlier order (index last).
        for keys in [secondary, primary] {
            let low = keys.min() ?? 0
            sort(&order, bits: 32) { UInt64(UInt32(bitPattern: keys[Int($0)] &- low)) }
        }
        return order
    }

    /// A stable least-significant-digit sort of `values` by the low `bits` bits of `key`; a pass whose digit every
    /// value shares moves nothing and is skipped.
    @inline(__always)
    static func sort<T>(_ values: inout [T], bits: UInt64, key: (T) -> UInt64) {
        let n = values.count
        guard n > 1, var buffer = values.first.map({ [T](repeating: $0, count: n) }) else { return }
        let digit = bits <= singlePassBits ? max(bits, 1) : UInt64(digitBits)
        var counts = [Int](repeating: 0, count: 1 << digit)
        let mask = UInt64(counts.count - 1)
        var shift: UInt64 = 0
        while shift < bits {
            var moved = false
            values.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for k in counts.indices { counts[k] = 0 }
                        for v in source { counts[Int((key(v) >> shift) & mask)] += 1 }
                        if counts.contains(n) { return }
                        var total = 0
                        for k in counts.indices {
                            let c = counts[k]
                            counts[k] = total
                            total += c
                        }
                        for v in source {
                            let d = Int((key(v) >> shift) & mask)
                            target[counts[d]] = v
                            counts[d] += 1
                        }
                        moved = true
                    }
                }
            }
            if moved { swap(&values, &buffer) }
            shift += digit
        }
    }
}
