import SitmonCore

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose output depends only on its seed.
/// The generator uses it, never `SystemRandomNumberGenerator`, and draws numbers with its own helpers below
/// rather than `Int.random(in:using:)`, whose algorithm the standard library may change between releases:
/// the same seed must give the same bytes on every toolchain.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stream for a purpose derived from this one's seed, independent of how many numbers were drawn before.
    public func fork(_ salt: UInt64) -> SplitMix64 {
        var g = SplitMix64(seed: state ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        _ = g.next()
        return g
    }

    /// A whole number in `0..<n` (Lemire's multiply-shift; the bias is below 2⁻⁴⁰ for the small n used here).
    @inline(__always)
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A whole number in `range`.
    @inline(__always)
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A number in [0, 1).
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array.
    @inline(__always)
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A discrete distribution over `0..<weights.count`, sampled by binary search over cumulative weights.
public struct WeightedChoice: Sendable {
    private var cumulative: [Double]

    public init(_ weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { w in
            total += max(0, w)
            return total
        }
        precondition(total > 0, "WeightedChoice needs a positive weight")
    }

    public var count: Int { cumulative.count }

    public func sample(_ rng: inout SplitMix64) -> Int {
        let x = rng.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > x { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
