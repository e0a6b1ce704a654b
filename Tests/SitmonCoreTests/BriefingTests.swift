import Foundation
import Testing
@testable import SitmonCore

/// The Markdown briefing reads as a document an analyst can paste (issue 15 §3). The exact bytes of four views are
/// in the export goldens (ExportTests); these tests state each property on its own.
@Suite("Markdown briefing")
struct BriefingTests {
    let engine = Load.smallEngine()

    func briefing(_ view: View, _ engine: QueryEngine? = nil) -> String {
        let engine = engine ?? self.engine
        return String(decoding: Exporter.export(view, of: engine, as: .md), as: UTF8.self)
    }

    func lines(_ text: String, section: String) -> [Substring] {
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = all.firstIndex(of: Substring("## " + section)) else { return [] }
        let rest = all[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? rest.endIndex
        return Array(rest[..<end])
    }

    /// The body rows of a section's table (after its header and separator).
    func tableRows(_ text: String, section: String) -> [Substring] {
        Array(lines(text, section: section).filter { $0.hasPrefix("| ") }.dropFirst())
    }

    @Test("sources are given by publisher, title, date and URL: never a file name or an internal id")
    func sourcesReadAsCitations() throws {
        let text = briefing(engine.run(.all))
        #expect(
            lines(text, section: "Sources").filter { !$0.isEmpty } == [
                "1. Alpha, “Alpha report”, Jun 2021",
                "2. Bravo, “Bravo news”, <https://example.org/bravo>",
                "3. “Charlie notes”",
            ])
        #expect(!text.contains("charlie.txt"), "the document's file name never shows")
        #expect(!text.contains("src-a") && !text.contains("src-b"), "nor the dataset's ids")
    }

    @Test("URLs survive copying: an autolink with nothing escaped inside, unsafe bytes percent-encoded")
    func urlsSurviveCopying() throws {
        var mini = MiniDataset()
        mini.sources = #"""
            [{"id": "s1", "title": "2020 Malian coup d'état", "publisher": "Wikipedia",
              "url": "https://en.wikipedia.org/wiki/2020_Malian_coup_d%27%C3%A9tat"},
             {"id": "s2", "title": "Odd", "url": "https://example.org/a b<script>é"},
             {"id": "s3", "title": "Not a web page", "url": "javascript:alert(1)"}]
            """#
        mini.events =
            #"[{"id": "e1", "date": "2020-01-01", "category": "other", "title": "Event one", "sources": ["s1", "s2", "s3"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = briefing(engine.run(.all), engine)
        #expect(
            text.contains(
                "1. Wikipedia, “2020 Malian coup d'état”, <https://en.wikipedia.org/wiki/2020_Malian_coup_d%27%C3%A9tat>\n"
            ))
        #expect(!text.contains("\\_"), "no escaped underscore anywhere a URL could be")
        #expect(text.contains("2. “Odd”, <https://example.org/a%20b%3Cscript%3E%C3%A9>\n"))
        #expect(text.contains("3. “Not a web page”\n"), "only http and https become links")
        #expect(!text.contains("javascript:"))
    }

    @Test("counts are written with their plural: 1 incident, 2 incidents, 1 fatality")
    func plurals() throws {
        #expect(MarkdownBriefing.counted(1, "incident") == "1 incident")
        #expect(MarkdownBriefing.counted(0, "event") == "0 events")
        #expect(MarkdownBriefing.counted(1, "fatality", "fatalities") == "1 fatality")
        #expect(MarkdownBriefing.counted(12345, "record") == "12,345 records")
        let one = briefing(engine.run(Filter(text: "farabougou")))
        #expect(one.contains("- **Records:** 1 (1 incident, 0 events); 3 fatalities reported\n"))
        #expect(!one.contains("1 incidents"))
    }

    @Test("an empty view says so, and what taking away each part of its filter would show")
    func emptyViewSaysWhatWouldWidenIt() throws {
        let gao = try engine.region("gao")
        let text = briefing(engine.run(Filter(regions: [gao], since: PartialDate(iso: "2021"), text: "attack")))
        #expect(text.contains("No record matches this view. Taking away one part of the filter would show:"))
        // Each count is what the core gives for the filter without that part.
        let withoutText = engine.run(Filter(regions: [gao], since: PartialDate(iso: "2021"))).records.count
        let withoutRegion = engine.run(Filter(since: PartialDate(iso: "2021"), text: "attack")).records.count
        #expect(withoutRegion == 2)
        #expect(text.contains("- without the region Gao: 2 records\n"))
        #expect(text.contains("- without the text “attack”: \(withoutText) records\n"))
        #expect(text.contains("- without the dates (the data runs from 2012 to 2021): 0 records\n"))
        #expect(text.contains("- with no filter at all: 11 records\n"))
        #expect(!text.contains("## Timeline"), "no empty tables")
    }

    @Test("no paragraph is repeated: a statement made of several regions appears once, naming them all")
    func noParagraphRepeated() throws {
        var mini = MiniDataset()
        mini.regions =
            "["
            + (1...4).map {
                #"{"id": "r\#($0)", "name": "Region \#($0)", "kind": "region", "zone": "north", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        mini.assessments =
            "["
            + (1...4).map {
                #"{"id": "as\#($0)", "region": "r\#($0)", "start": "2020", "end": "2021", "presence": "high", "trend": "rising", "groups": ["a1"], "statement": "\#($0 == 4 ? "Another statement." : "The north as a whole.")", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = briefing(engine.run(.all), engine)
        #expect(text.components(separatedBy: "The north as a whole.").count == 2, "once")
        #expect(
            text.contains(
                "- **Region 1, Region 2, Region 3** (2020 – 2021; presence: high; trend: rising): The north as a whole. Source 1.\n"
            ))
        #expect(
            text.contains("- **Region 4** (2020 – 2021; presence: high; trend: rising): Another statement. Source 1.\n")
        )
        // No two paragraphs (non-table lines) of the whole briefing are the same.
        for view in ["all", "segou"] {
            let v =
                view == "all"
                ? self.engine.run(.all) : self.engine.run(Filter(regions: [try self.engine.region("segou")]))
            let paragraphs = briefing(v).split(separator: "\n").filter { !$0.hasPrefix("|") && $0.count > 20 }
            #expect(paragraphs.count == Set(paragraphs).count)
        }
    }

    @Test("Main groups are filled as in the Regions pane: perpetrators, else the groups the sources name")
    func mainGroups() throws {
        // Mopti since June 2021: a year-dated report and an abduction without perpetrator; the 2021 assessment
        // names JNIM and Katiba Macina.
        let text = briefing(
            engine.run(Filter(regions: [try engine.region("mopti")], since: PartialDate(iso: "2021-06"))))
        let row = try #require(tableRows(text, section: "Regions").first { $0.hasPrefix("| Mopti |") })
        #expect(row == "| Mopti | centre | 1 | 0 | rising | JNIM, Macina (named by the sources) | high |")
        let all = briefing(engine.run(.all))
        #expect(tableRows(all, section: "Regions").contains("| Ségou | centre | 3 | 10 | rising | JNIM, ISGS |  |"))
    }

    @Test("on the bundled data, Aug–Sep 2020 cites exactly the assessments whose period overlaps it")
    func assessmentsFollowTheRangeInTheBundledData() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let since = try #require(PartialDate(iso: "2020-08")), until = try #require(PartialDate(iso: "2020-09"))
        let view = engine.run(Filter(since: since, until: until))
        let text = briefing(view, engine)
        let listed = Set(view.regions.map(\.region))
        var overlapping = 0
        for a in engine.dataset.assessments where listed.contains(a.region) {
            let overlaps =
                (a.end ?? a.start).map { $0.lastDay >= since.day } ?? true
                && (a.start.map { $0.day <= until.lastDay } ?? true)
            var escaped = ByteWriter()
            escaped.appendMarkdown(a.statement)
            let statement = String(decoding: escaped.bytes, as: UTF8.self)
            #expect(text.contains(statement) == overlaps, "\(a.id): overlaps \(overlaps)")
            if overlaps { overlapping += 1 }
        }
        #expect(overlapping > 0)
    }

    @Test("a record that began before the range shows its span")
    func spans() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2019-12", "end": "2020-08", "category": "report", "title": "A long report", "sources": ["s1"]}, {"id": "e2", "date": "2020-07-01", "end": "2020-07-01", "category": "other", "title": "One day", "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = briefing(engine.run(Filter(since: PartialDate(iso: "2020-06"))), engine)
        #expect(text.contains("| Dec 2019 – Aug 2020 | report | "))
        #expect(text.contains("| 1 Jul 2020 | other | "), "an end on the same day adds nothing")
    }

    @Test(
        "the counts at the top agree with the tables below",
        arguments: [
            "everything", "jnim", "segou", "2021", "coup", "mopti-2021-06",
        ])
    func countsAgreeWithTheTables(name: String) throws {
        let filter: Filter
        switch name {
        case "jnim": filter = Filter(actors: [try engine.actor("jnim")])
        case "segou": filter = Filter(regions: [try engine.region("segou")])
        case "2021": filter = Filter(since: PartialDate(iso: "2021"), until: PartialDate(iso: "2021"))
        case "coup": filter = Filter(text: "coup")
        case "mopti-2021-06": filter = Filter(regions: [try engine.region("mopti")], since: PartialDate(iso: "2021-06"))
        default: filter = .all
        }
        let view = engine.run(filter)
        let text = briefing(view)
        func figure(_ label: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("- **\(label):** ") }) else {
                return nil
            }
            return Int(line.dropFirst(label.count + 8).prefix { $0.isNumber })
        }
        #expect(figure("Records") == tableRows(text, section: "Timeline").count)
        #expect(figure("Actors involved") == tableRows(text, section: "Actors").count)
        #expect(figure("Regions") == tableRows(text, section: "Regions").count)
        let withRecords = "\(view.regions.filter { $0.total > 0 }.count) with records in this view"
        #expect(text.contains(withRecords))
        // Every actor counted takes part in a record of the table, and every record's actors are counted.
        let actorsInRecords = Set(view.records.flatMap { engine.dataset.records.actors(Int($0)) })
        #expect(tableRows(text, section: "Actors").count == actorsInRecords.count)
        // Every source number cited is in the list, and every source listed is cited.
        let listed = lines(text, section: "Sources").filter { $0.first?.isNumber == true }.count
        var cited = Set<Int>()
        for row in tableRows(text, section: "Timeline") {
            let cell = row.split(separator: "|", omittingEmptySubsequences: false).dropLast().last ?? ""
            for n in cell.split(separator: ",") {
                if let k = Int(n.trimmingCharacters(in: .whitespaces)) { cited.insert(k) }
            }
        }
        #expect(cited.isSubset(of: Set(1...max(1, listed))))
    }
}
