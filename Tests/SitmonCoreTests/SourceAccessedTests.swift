import Foundation
import Testing
@testable import SitmonCore

/// A source's optional `accessed` date (when a changing page such as Wikipedia was read): read, checked, written
/// back and shown in the citation.
@Suite("Source access date")
struct SourceAccessedTests {
    static let withAccessed =
        #"[{"id": "s1", "title": "Mali War", "publisher": "Wikipedia", "url": "https://en.wikipedia.org/wiki/Mali_War", "accessed": "2026-12-06"}]"#

    @Test("accessed is read as a date and shown after the URL in the citation")
    func decoded() throws {
        var mini = MiniDataset()
        mini.sources = Self.withAccessed
        let dataset = try Load.dataset(mini.json)
        let source = try #require(dataset.sources.first)
        #expect(source.accessed == PartialDate(iso: "2026-12-06"))
        #expect(
            source.citation == "Wikipedia, “Mali War”, https://en.wikipedia.org/wiki/Mali_War (accessed 6 Dec 2026)")
    }

    @Test("a source without accessed keeps a plain citation, and a document name is not part of it")
    func absent() throws {
        var mini = MiniDataset()
        mini.sources =
            #"[{"id": "s1", "title": "An article", "publisher": "ACCORD", "date": "2021-06", "document": "002_8c4f53487fd52ca4.txt"}]"#
        let source = try #require(try Load.dataset(mini.json).sources.first)
        #expect(source.accessed == nil)
        #expect(source.citation == "ACCORD, “An article”, Jun 2021")
    }

    @Test("an impossible or malformed access date is reported at its path", arguments: ["2021-02-30", "yesterday"])
    func invalid(value: String) {
        var mini = MiniDataset()
        mini.sources = #"[{"id": "s1", "title": "T", "url": "https://example.org", "accessed": "\#(value)"}]"#
        let lines = mini.problems.lines
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("$.sources[0].accessed: ") == true, "\(lines)")
    }

    @Test("accessed given twice is reported at the repeat")
    func twice() {
        var mini = MiniDataset()
        mini.sources = #"[{"id": "s1", "title": "T", "accessed": "2020", "accessed": "2021"}]"#
        #expect(mini.problems.lines == ["$.sources[0]: field 'accessed' appears twice"])
    }

    @Test("the dataset writer writes accessed back, and the written file loads to the same source")
    func roundTrip() throws {
        var mini = MiniDataset()
        mini.sources = Self.withAccessed
        let dataset = try Load.dataset(mini.json)
        let written = String(decoding: DatasetWriter.write(dataset, selection: .all(dataset)), as: UTF8.self)
        #expect(written.contains(#""accessed": "2026-12-06""#))
        let again = try Load.dataset(written)
        #expect(again.sources == dataset.sources)
    }
}
