/// Where a row's fields start and end: what `CSVByteReader.scanRow` writes, two offsets per field (the end with
/// `CSVRow.escaped` set on a quoted field holding quotes).
protocol FieldBoundsSink {
    /// Appends one field's start and end.
    mutating func appendBounds(_ start: UInt32, _ end: UInt32)
    /// Gives `write` room for at least `minimum` more offsets at the end (where, and how many fit) and keeps the
    /// number of offsets it returns having written.
    mutating func appendBounds(room minimum: Int, _ write: (UnsafeMutablePointer<UInt32>, Int) -> Int)
}

extension Array: FieldBoundsSink where Element == UInt32 {
    @inline(__always)
    mutating func appendBounds(_ start: UInt32, _ end: UInt32) {
        append(start)
        append(end)
    }

    /// Written into a scratch buffer on the stack, then appended.
    @inline(__always)
    mutating func appendBounds(room minimum: Int, _ write: (UnsafeMutablePointer<UInt32>, Int) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: minimum) { scratch in
            guard let start = scratch.baseAddress else { return }
            append(contentsOf: UnsafeBufferPointer(start: start, count: write(start, scratch.count)))
        }
    }
}

/// The fast path's field offsets, reused from row to row: a buffer of its own, so that appending an offset (about
/// sixty a row) is a store and a count, without an array's checks that it is uniquely referenced. Each reading
/// thread has its own.
final class FieldBounds: FieldBoundsSink, RandomAccessCollection {
    private var base: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    /// Offsets written since the last `removeAll`.
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = Swift.max(capacity, 2)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(position: Int) -> UInt32 {
        precondition(position >= 0 && position < count, "field offset out of range")
        return base[position]
    }

    /// Forgets the offsets (the room is kept).
    @inline(__always)
    func removeAll() { count = 0 }

    @inline(__always)
    func appendBounds(_ start: UInt32, _ end: UInt32) {
        if count + 2 > capacity { grow() }
        base[count] = start
        base[count + 1] = end
        count += 2
    }

    @inline(__always)
    func appendBounds(room minimum: Int, _ write: (UnsafeMutablePointer<UInt32>, Int) -> Int) {
        while capacity - count < minimum { grow() }
        count += write(base + count, capacity - count)
    }

    private func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
