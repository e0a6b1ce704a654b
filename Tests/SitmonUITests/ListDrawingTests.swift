import Testing
@testable import SitmonUI

/// Counts in the narrow figure columns of the panes stay readable at a million records.
@Suite("List drawing")
struct ListDrawingTests {
    @Test("a count that fits is exact; a larger one is rounded to thousands or millions, never cut")
    func compactCounts() {
        #expect(ListDrawing.count(0, fitting: 4) == "0")
        #expect(ListDrawing.count(9999, fitting: 4) == "9999")
        #expect(ListDrawing.count(12_345, fitting: 4) == "12k")
        #expect(ListDrawing.count(12_345, fitting: 5) == "12345")
        #expect(ListDrawing.count(1_234, fitting: 3) == "1k")
        #expect(ListDrawing.count(275_604, fitting: 4) == "276k")
        #expect(ListDrawing.count(275_604, fitting: 5) == "276k")
        #expect(ListDrawing.count(1_315_300, fitting: 5) == "1.3M")
        #expect(ListDrawing.count(999_600, fitting: 4) == "1.0M")
        #expect(ListDrawing.count(45_000_000, fitting: 4) == "45M")
        for value in [0, 7, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000, 12_345_678] {
            #expect(ListDrawing.count(value, fitting: 4).count <= 4, "\(value)")
        }
    }
}
