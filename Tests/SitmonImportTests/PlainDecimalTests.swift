import Testing
@testable import SitmonGenerate
@testable import SitmonImport

/// The fast path reads coordinates from their bytes (`PlainDecimal`): every value it gives must be the one
/// `Double(String)` gives the same text, bit for bit, and what it does not read must be left to that reading.
@Suite struct PlainDecimalTests {
    func value(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { PlainDecimal.value($0) }
    }

    @Test("random decimals of up to 15 digits read as Double(String) reads them, bit for bit")
    func randomDecimals() {
        var rng = SplitMix64(seed: 41)
        for _ in 0..<200_000 {
            let before = Int(rng.next() % 4)
            let after = Int(rng.next() % 12)
            var text = rng.next() % 2 == 0 ? "-" : ""
            for _ in 0...before { text.append(Character(Unicode.Scalar(UInt8(0x30 + rng.next() % 10)))) }
            if after > 0 {
                text.append(".")
                for _ in 0..<after { text.append(Character(Unicode.Scalar(UInt8(0x30 + rng.next() % 10)))) }
            }
            let expected = Double(text)
            let got = value(text)
            #expect(got?.bitPattern == expected?.bitPattern, "\(text): \(String(describing: got))")
            if got?.bitPattern != expected?.bitPattern { return }
        }
    }

    @Test("coordinates as exports write them, and the edges")
    func knownValues() {
        let texts = [
            "35.763369", "-10.2827", "0", "-0", "90", "-180.000000", "12.609", "0.1", "999999999999999",
            "0.00000000000001", "0000017.5",
        ]
        for text in texts {
            #expect(value(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test("anything else is left to the general reading")
    func declined() {
        let texts = [
            "", "-", "1e5", "+1", ".5", "5.", "1.2.3", " 1", "1 ", "14,35", "0x1p3", "inf", "nan",
            "1234567890123456", "1.00000000000000000000001", "١٢",
        ]
        for text in texts { #expect(value(text) == nil, "\(text)") }
    }
}
