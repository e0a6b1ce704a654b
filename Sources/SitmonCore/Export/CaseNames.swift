/// The UTF-8 name of each case of a small enum, found by the byte that holds the case in memory (the
/// CSV row writer asks for several a row; a `String` or a dictionary lookup each time cost more than the rest
/// of the field).
struct CaseNames<Value: CaseIterable>: Sendable {
    private var bytes: [UInt8] = []
    /// Per tag byte, where its name starts and ends in `bytes` (0..<0 for none).
    private var starts = [Int32](repeating: 0, count: 256)
    private var ends = [Int32](repeating: 0, count: 256)

    /// The names `name` gives each case. `Value` must be held in one byte (an enum of fewer than 256 cases
    /// without payloads).
    init(_ name: (Value) -> String) {
        precondition(MemoryLayout<Value>.size == 1, "CaseNames needs a one-byte enum")
        for value in Value.allCases {
            let tag = Int(Self.tag(value))
            starts[tag] = Int32(bytes.count)
            bytes.append(contentsOf: name(value).utf8)
            ends[tag] = Int32(bytes.count)
        }
    }

    @inline(__always)
    private static func tag(_ value: Value) -> UInt8 { withUnsafeBytes(of: value) { $0[0] } }

    /// Appends the name of `value`.
    @inline(__always)
    func append(_ value: Value, to out: inout RowBuffer) {
        let tag = Int(Self.tag(value))
        let start = Int(starts[tag]), end = Int(ends[tag])
        bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The name of `value`, as UTF-8.
    func name(_ value: Value) -> ArraySlice<UInt8> {
        let tag = Int(Self.tag(value))
        return bytes[Int(starts[tag])..<Int(ends[tag])]
    }
}
