/// One coordinate of every record (latitude or longitude) in 4 bytes a record where it can be: millionths of a
/// degree in an `Int32` while each value read back from them is the same `Double` bit for bit (any decimal of at
/// most six places is: the division by 10^6 is correctly rounded, as the parse of the decimal was), otherwise, from
/// the first value that is not, every value as a `Double`. ACLED gives four decimals, UCDP six or fewer: 8 MB saved
/// for each million records. NaN is a record without a coordinate.
struct CoordinateColumn: Sendable {
    /// The values in millionths (`absent` for NaN) while `doubles` is nil.
    private(set) var millionths: [Int32] = []
    /// Every value, once one of them has no exact `millionths`.
    private(set) var doubles: [Double]?
    static let absent = Int32.min

    init() {}

    /// A column of values in millionths (a snapshot's; `absent` for none).
    init(millionths: [Int32]) { self.millionths = millionths }

    /// A column of `Double`s (a snapshot's).
    init(doubles: [Double]) { self.doubles = doubles }

    var count: Int { doubles?.count ?? millionths.count }

    /// The millionths that give `value` back exactly, or nil.
    @inline(__always)
    static func millionths(_ value: Double) -> Int32? {
        if value.isNaN { return absent }
        let scaled = (value * 1_000_000).rounded()
        guard scaled > -2_147_483_647, scaled < 2_147_483_647 else { return nil }
        let m = Int32(scaled)
        return (Double(m) / 1_000_000).bitPattern == value.bitPattern ? m : nil
    }

    @inline(__always)
    static func value(_ m: Int32) -> Double { m == absent ? .nan : Double(m) / 1_000_000 }

    subscript(i: Int) -> Double {
        if let doubles { return doubles[i] }
        return Self.value(millionths[i])
    }

    mutating func reserveCapacity(_ n: Int) {
        if doubles == nil { millionths.reserveCapacity(n) } else { doubles?.reserveCapacity(n) }
    }

    mutating func append(_ value: Double) {
        if doubles == nil, let m = Self.millionths(value) {
            millionths.append(m)
            return
        }
        spell()
        doubles?.append(value)
    }

    /// Appends `other`'s values (emptying it).
    mutating func append(draining other: inout CoordinateColumn) {
        defer { other = CoordinateColumn() }
        if doubles == nil && other.doubles == nil {
            millionths.append(contentsOf: other.millionths)
            return
        }
        spell()
        if let more = other.doubles {
            doubles?.append(contentsOf: more)
        } else {
            doubles?.append(contentsOf: other.millionths.map(Self.value))
        }
    }

    /// Calls `body` with this column's and `other`'s values of each of `records` (in increasing order; all within
    /// both columns), NaN for none.
    @inline(__always)
    func forEach(in records: BitSet, with other: CoordinateColumn, _ body: (Double, Double) -> Void) {
        if doubles == nil && other.doubles == nil {
            millionths.withUnsafeBufferPointer { these in
                other.millionths.withUnsafeBufferPointer { those in
                    records.forEach { body(Self.value(these[$0]), Self.value(those[$0])) }
                }
            }
        } else {
            records.forEach { body(self[$0], other[$0]) }
        }
    }

    /// Turns the column into `Double`s (a value without exact millionths is coming).
    private mutating func spell() {
        guard doubles == nil else { return }
        doubles = millionths.map(Self.value)
        millionths = []
    }
}
