import SitmonCore

/// A column's previous cell (its bytes as read, unescaped; up to 64 of them, kept inline so that reading the memo
/// touches no reference count) and the symbol it gave.
struct CellMemo {
    private var stored: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// The cell's length; -1 while none is remembered.
    private var count = -1
    private var value: Int32 = -1
    static let capacity = 64

    /// The symbol remembered for `cell`'s bytes, if they are the last cell's.
    @inline(__always)
    func symbol(for cell: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard count == cell.count else { return nil }
        guard let b = cell.baseAddress, count > 0 else { return value }
        return withUnsafeBytes(of: stored) { raw in
            guard let a = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            return RecordIdTable.equal(a, b, count: count) ? value : nil
        }
    }

    /// Remembers `cell` and its symbol (a cell longer than `capacity` is not remembered).
    mutating func remember(_ cell: UnsafeBufferPointer<UInt8>, _ symbol: Int32) {
        guard cell.count <= Self.capacity else {
            count = -1
            return
        }
        withUnsafeMutableBytes(of: &stored) { raw in
            if let source = cell.baseAddress, let target = raw.baseAddress, cell.count > 0 {
                target.copyMemory(from: source, byteCount: cell.count)
            }
        }
        count = cell.count
        value = symbol
    }
}
