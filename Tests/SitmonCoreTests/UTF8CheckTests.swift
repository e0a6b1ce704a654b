import Testing

@testable import SitmonCore

/// `UTF8Check` decides whether the import fast path takes a row; it must say what Swift's own validation says.
@Suite struct UTF8CheckTests {
    /// Lead, continuation and ASCII bytes, and the ones that are never valid, mixed so that some texts are valid.
    static let pieces: [[UInt8]] = [
        [0x41], [0x20], [0x7F], [0x00], [0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xBF],
        [0xC0, 0x80], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF],
    ]

    @Test("valid exactly when Swift finds the bytes valid UTF-8, wherever a non-ASCII byte falls in the word loops")
    func agreesWithSwift() {
        var state: UInt64 = 0x1234_5678
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var valid = 0
        for round in 0..<20_000 {
            // Mostly ASCII around one or two other pieces, at any place in and across the 32- and 8-byte loops.
            var bytes = [UInt8](repeating: 0x61, count: next() % 80)
            for _ in 0..<(1 + round % 2) {
                let piece = Self.pieces[next() % Self.pieces.count]
                bytes.insert(contentsOf: piece, at: bytes.isEmpty ? 0 : next() % (bytes.count + 1))
            }
            let swift = String(validating: bytes, as: UTF8.self) != nil
            if swift { valid += 1 }
            #expect(UTF8Check.isValid(bytes) == swift, "\(bytes)")
        }
        #expect(valid > 2_000 && valid < 18_000)
    }
}
