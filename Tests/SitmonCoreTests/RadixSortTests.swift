import SitmonGenerate
import Testing
@testable import SitmonCore

/// The fast path finds an event given twice by sorting its id hashes (`RadixSort`): the order must be `sort()`'s,
/// negative numbers, duplicates and all, or a revision would go unseen or two halves be compared wrongly.
@Suite struct RadixSortTests {
    @Test("radix-sorted integers are in sort()'s order", arguments: [0, 1, 255, 257, 5000, 100_000])
    func matchesSort(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 7)
        var values = (0..<count).map { _ in Int(bitPattern: UInt(generator.next())) }
        // Some duplicates, the extremes and small numbers of both signs.
        if count > 10 {
            values[3] = values[7]
            values[0] = .min
            values[1] = .max
            values[2] = -1
            values[4] = 0
            values[5] = 1
        }
        var radix = values
        RadixSort.sort(&radix)
        #expect(radix == values.sorted())
    }

    @Test("values that share most of their bits (passes skipped) still sort")
    func sharedDigits() {
        var values = (0..<3000).map { ($0 * 7919) % 3001 - 1500 }
        let expected = values.sorted()
        RadixSort.sort(&values)
        #expect(values == expected)
    }

    @Test(
        "indexes ordered by two keys, then index, as a comparison sort orders them",
        arguments: [(2, 10), (1000, 30), (50_000, 20_000), (3000, 4_000_000_000)] as [(Int, Int)])
    func orderByTwoKeys(count: Int, spread: Int) {
        var generator = SplitMix64(seed: UInt64(count * 31 + spread))
        func value() -> Int32 { Int32(truncatingIfNeeded: Int(generator.next() % UInt64(spread)) - spread / 2) }
        var primary = (0..<count).map { _ in value() }
        let secondary = (0..<count).map { _ in value() }
        if count > 10 {
            primary[0] = .min
            primary[1] = .max
        }
        let order = primary.withUnsafeBufferPointer { p in
            secondary.withUnsafeBufferPointer { s in RadixSort.order(by: p, then: s) }
        }
        let expected = (0..<Int32(count)).sorted { a, b in
            let pa = primary[Int(a)], pb = primary[Int(b)]
            if pa != pb { return pa < pb }
            let sa = secondary[Int(a)], sb = secondary[Int(b)]
            if sa != sb { return sa < sb }
            return a < b
        }
        #expect(order == expected)
    }

    @Test(
        "one-day records over 1 to 180 years (one pass up to 16 bits, then two) in the comparison sort's order",
        arguments: [365, 4_000, 16_384, 16_385, 65_535, 65_536, 65_537])
    func orderByOneDayRecords(span: Int) {
        var generator = SplitMix64(seed: UInt64(span))
        let starts = (0..<30_000).map { _ in Int32(10_000 + Int(generator.next() % UInt64(span))) }
        let order = starts.withUnsafeBufferPointer { p in RadixSort.order(by: p, then: p) }
        let expected = (0..<Int32(starts.count)).sorted { a, b in (starts[Int(a)], a) < (starts[Int(b)], b) }
        #expect(order == expected)
    }

    @Test("start and last days (most the same day, some a month or a year on) in the comparison sort's order")
    func orderByDays() {
        var generator = SplitMix64(seed: 20_120_322)
        let starts = (0..<20_000).map { _ in Int32(15_000 + Int(generator.next() % 5_000)) }
        let lasts = starts.map { day -> Int32 in
            switch generator.next() % 10 {
            case 0: day + Int32(generator.next() % 31)
            case 1: day + Int32(generator.next() % 366)
            default: day
            }
        }
        let order = starts.withUnsafeBufferPointer { p in
            lasts.withUnsafeBufferPointer { s in RadixSort.order(by: p, then: s) }
        }
        let expected = (0..<Int32(starts.count)).sorted { a, b in
            (starts[Int(a)], lasts[Int(a)], a) < (starts[Int(b)], lasts[Int(b)], b)
        }
        #expect(order == expected)
        // All on one day: the file order.
        let same = [Int32](repeating: 7, count: 500)
        let unchanged = same.withUnsafeBufferPointer { p in RadixSort.order(by: p, then: p) }
        #expect(unchanged == (0..<500).map { Int32($0) })
    }
}
