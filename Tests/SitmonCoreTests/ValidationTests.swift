import Foundation
import Testing
@testable import SitmonCore

/// The semantic rules of `sitmon validate`, one test per rule, and the collection of every problem.
@Suite("Validation rules")
struct ValidationTests {
    @Test("the minimal dataset used by these tests is valid")
    func baseline() throws {
        let dataset = try Load.dataset(MiniDataset().json)
        #expect(dataset.counts.events == 1 && dataset.counts.incidents == 1)
    }

    @Test("every problem is collected, not only the first")
    func collectsEveryProblem() throws {
        var mini = MiniDataset()
        mini.actors = #"[{"id": "a1", "name": "A", "kind": "warlord", "sources": ["s-missing"]}]"#
        mini.events =
            #"[{"id": "e1", "date": "2021-02-30", "category": "other", "title": "E", "lat": 123, "sources": ["s1"]}]"#
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["a1"], "fatalities": {"best": -4}, "sources": ["s1"]}]"#
        let error = try #require(Load.loadError(mini.json))
        let paths = Set(error.diagnostics.map(\.path))
        for path in [
            "$.actors[0].kind", "$.actors[0].sources[0]", "$.events[0].date", "$.events[0].lat",
            "$.incidents[0].fatalities.best",
        ] {
            #expect(paths.contains(path), "no problem at \(path) in \(error.diagnostics.lines)")
        }
        #expect(
            error.diagnostics.at("$.actors[0].kind").first?.message.hasPrefix("unknown actor kind \"warlord\"") == true)
        #expect(error.diagnostics.at("$.actors[0].sources[0]").first?.message == #"unknown source "s-missing""#)
        #expect(
            error.diagnostics.at("$.events[0].date").first?.message.hasPrefix(#"invalid date "2021-02-30""#) == true)
        #expect(error.diagnostics.at("$.events[0].lat").first?.message == "latitude 123.0 is out of range (−90…90)")
        #expect(
            error.diagnostics.at("$.incidents[0].fatalities.best").first?.message == "must not be negative (found -4)")
        #expect(error.exitCode == 65)
    }

    // MARK: Ids

    @Test("a duplicate id in one section names the first definition")
    func duplicateIds() {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}, {"id": "a1", "name": "C", "kind": "other", "sources": ["s1"]}]"#
        #expect(mini.problems.lines == [#"$.actors[2].id: duplicate id "a1" (first defined at $.actors[0])"#])
    }

    @Test("a duplicate id after a malformed element still names where the first one is")
    func duplicateIdAfterSkippedElement() {
        var mini = MiniDataset()
        mini.sources = #"[5, {"id": "s1", "title": "S"}, {"id": "s1", "title": "T"}]"#
        let duplicate = mini.problems.at("$.sources[2].id").first?.message
        #expect(duplicate?.hasPrefix(#"duplicate id "s1""#) == true)
        // The owner is named by its index in the file (1), not in the decoded array (0).
        #expect(duplicate == #"duplicate id "s1" (first defined at $.sources[1])"#)
    }

    @Test("ids are unique across sections")
    func duplicateIdsAcrossSections() {
        var mini = MiniDataset()
        mini.events = #"[{"id": "a1", "date": "2020", "category": "other", "title": "E", "sources": ["s1"]}]"#
        mini.incidents = #"[{"id": "r1", "date": "2020", "category": "attack", "region": "r1", "sources": ["s1"]}]"#
        #expect(
            mini.problems.lines == [
                #"$.events[0].id: duplicate id "a1" (first defined at $.actors[0])"#,
                #"$.incidents[0].id: duplicate id "r1" (first defined at $.regions[0])"#,
            ])
    }

    @Test("duplicate record ids are found among many records")
    func duplicateRecordIds() {
        var mini = MiniDataset()
        let events = (0..<300).map {
            #"{"id": "e\#($0 == 299 ? 17 : $0)", "date": "2020", "category": "other", "title": "E", "sources": ["s1"]}"#
        }
        mini.events = "[" + events.joined(separator: ",") + "]"
        #expect(mini.problems.lines == [#"$.events[299].id: duplicate id "e17" (first defined at $.events[17])"#])
    }

    @Test("a record's duplicate id comes before the record's later problems, and after its earlier ones")
    func duplicateRecordIdAmongProblems() {
        // A record's id is registered at the record's end (its table slot is fetched meanwhile); the message must
        // still come where the id is: after the problems of fields before it, before those of fields after it.
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "sources": ["s1"]}, "#
            + #"{"date": "2020-13", "id": "e1", "category": "nope", "title": "E", "lat": 123, "sources": []}]"#
        #expect(
            mini.problems.lines == [
                #"$.events[1].date: invalid date "2020-13" (expected an existing date as YYYY, YYYY-MM or YYYY-MM-DD)"#,
                #"$.events[1].id: duplicate id "e1" (first defined at $.events[0])"#,
                #"$.events[1].category: unknown category "nope" (expected one of: \#(Category.allowedValues))"#,
                "$.events[1].lat: latitude 123.0 is out of range (−90…90)",
                "$.events[1].sources: every record must cite at least one source",
            ])
    }

    @Test("problems kept and counted are the same when a duplicate id is placed before later ones at the limit")
    func duplicatePlacedAtTheLimit() {
        // What `DiagnosticSink.add(before:)` must give: the sink as if the problem had been added at its mark.
        for mark in [0, 500, DiagnosticSink.limit - 2, DiagnosticSink.limit - 1, DiagnosticSink.limit] {
            var inOrder = DiagnosticSink(file: "f")
            var placed = DiagnosticSink(file: "f")
            for k in 0..<mark {
                inOrder.add("$.p", "problem \(k)")
                placed.add("$.p", "problem \(k)")
            }
            inOrder.add("$.id", "duplicate")
            for k in mark..<(mark + 3) {
                inOrder.add("$.p", "problem \(k)")
                placed.add("$.p", "problem \(k)")
            }
            placed.add("$.id", "duplicate", at: nil, before: mark)
            #expect(placed.problems.map(\.message) == inOrder.problems.map(\.message), "mark \(mark)")
            #expect(placed.count == inOrder.count && placed.omitted == inOrder.omitted, "mark \(mark)")
        }
    }

    @Test("malformed ids are refused", arguments: ["Goita", "has space", "-leading-dash", "", "é"])
    func invalidIds(id: String) {
        var mini = MiniDataset()
        mini.actors = #"[{"id": "\#(id)", "name": "A", "kind": "other", "sources": ["s1"]}]"#
        mini.incidents = "[]"
        let problems = mini.problems.at("$.actors[0].id")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("invalid id") == true)
    }

    // MARK: References

    @Test(
        "unknown references name the id, at the element: in the small tables, events and incidents",
        arguments: [
            (
                MiniSection.actors,
                #"[{"id": "a1", "name": "A", "kind": "other", "parent": "ghost", "sources": ["s1"]}]"#,
                "$.actors[0].parent", #"unknown actor "ghost""#
            ),
            (
                .actors, #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1", "s9"]}]"#,
                "$.actors[0].sources[1]", #"unknown source "s9""#
            ),
            (
                .actors,
                #"[{"id": "a1", "name": "A", "kind": "other", "roles": [{"title": "President", "sources": ["s9"]}], "sources": ["s1"]}]"#,
                "$.actors[0].roles[0].sources[0]", #"unknown source "s9""#
            ),
            (
                .relations, #"[{"id": "x", "kind": "allied", "from": "a1", "to": "ghost", "sources": ["s1"]}]"#,
                "$.relations[0].to", #"unknown actor "ghost""#
            ),
            (
                .relations, #"[{"id": "x", "kind": "allied", "from": "ghost", "to": "a1", "sources": ["s1"]}]"#,
                "$.relations[0].from", #"unknown actor "ghost""#
            ),
            (
                .regions,
                #"[{"id": "r1", "name": "R", "kind": "region-2023", "zone": "centre", "parent": "atlantis", "sources": ["s1"]}]"#,
                "$.regions[0].parent", #"unknown region "atlantis""#
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "atlantis", "presence": "low", "trend": "stable", "groups": [], "statement": "S", "sources": ["s1"]}]"#,
                "$.assessments[0].region", #"unknown region "atlantis""#
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "presence": "low", "trend": "stable", "groups": ["a1", "ghost"], "statement": "S", "sources": ["s1"]}]"#,
                "$.assessments[0].groups[1]", #"unknown actor "ghost""#
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "presence": "low", "trend": "stable", "groups": [], "statement": "S", "sources": ["s9"]}]"#,
                "$.assessments[0].sources[0]", #"unknown source "s9""#
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "alternatives": [{"field": "date", "value": "2019", "sources": ["s9"]}], "sources": ["s1"]}]"#,
                "$.events[0].alternatives[0].sources[0]", #"unknown source "s9""#
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "actors": [{"actor": "ghost", "role": "leader"}], "sources": ["s1"]}]"#,
                "$.events[0].actors[0]", #"unknown actor "ghost""#
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "regions": ["r1", "atlantis"], "sources": ["s1"]}]"#,
                "$.events[0].regions[1]", #"unknown region "atlantis""#
            ),
            (
                .events, #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "sources": ["s9"]}]"#,
                "$.events[0].sources[0]", #"unknown source "s9""#
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["ghost"], "sources": ["s1"]}]"#,
                "$.incidents[0].perpetrators[0]", #"unknown actor "ghost""#
            ),
            // An incident has a single region: its path keeps no index.
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "atlantis", "perpetrators": [], "sources": ["s1"]}]"#,
                "$.incidents[0].region", #"unknown region "atlantis""#
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "actors": [{"actor": "ghost", "role": "target"}], "sources": ["s1"]}]"#,
                "$.incidents[0].actors[0]", #"unknown actor "ghost""#
            ),
        ] as [(MiniSection, String, String, String)])
    func unknownReferences(section: MiniSection, json: String, path: String, message: String) {
        var mini = MiniDataset()
        mini[section] = json
        #expect(mini.problems.lines == ["\(path): \(message)"])
    }

    @Test("an unknown reference in a record names the id and its place in the file")
    func recordReferenceDetails() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "actors": [{"actor": "a1", "role": "x"}, {"actor": "ghost", "role": "leader"}], "sources": ["s1"]}]"#
        let d = try #require(mini.problems.first)
        #expect(d.path == "$.events[0].actors[1]", "\(d.description)")
        #expect(d.message == #"unknown actor "ghost""#, "\(d.description)")
        #expect(d.line == 9 && d.column != nil, "\(d.description)")
        #expect(mini.text(at: d).hasPrefix(#""ghost""#), "\(d.description)")
    }

    @Test(
        "an unresolved reference is placed at the id itself, in records and in the small tables",
        arguments: [
            (
                MiniSection.events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "regions": ["r1", "narnia"], "sources": ["s1"]}]"#,
                "narnia"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "sources": ["s1", null, "s9"]}]"#,
                "s9"
            ),
            // Repeated and escaped text before the reference: the place is still the reference's.
            (
                .events,
                #"[{"id": "e1", "title": "\u00e9\n\"x\"", "date": "2020", "category": "other", "actors": [{"role": "r", "actor": "a1"}, {"role": "leader", "actor": "ghost"}], "sources": ["s1"]}]"#,
                "ghost"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "atlantis", "perpetrators": [], "sources": ["s1"]}]"#,
                "atlantis"
            ),
            (
                .incidents,
                #"[{"id": "i0", "date": "2020", "category": "attack", "region": "r1", "sources": ["s1"]}, {"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["a1", "nobody"], "sources": ["s1"]}]"#,
                "nobody"
            ),
            (
                .actors, #"[{"id": "a1", "name": "A", "kind": "other", "parent": "nobody", "sources": ["s1"]}]"#,
                "nobody"
            ),
            (.actors, #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1", "s404"]}]"#, "s404"),
            (.relations, #"[{"id": "x", "kind": "allied", "from": "a1", "to": "ghost", "sources": ["s1"]}]"#, "ghost"),
            (
                .assessments,
                #"[{"id": "as1", "region": "nowhere", "presence": "none", "statement": "S", "sources": ["s1"]}]"#,
                "nowhere"
            ),
        ] as [(MiniSection, String, String)])
    func referencePlaces(section: MiniSection, json: String, id: String) throws {
        var mini = MiniDataset()
        mini[section] = json
        let d = try #require(mini.problems.first { $0.message.contains("\"\(id)\"") })
        #expect(d.line != nil && d.column != nil, "\(d.description)")
        #expect(mini.text(at: d).hasPrefix("\"\(id)\""), "\(d.description) points at: \(mini.text(at: d).prefix(20))")
    }

    @Test("a reference to an id of the wrong kind says what the id is")
    func wrongKindOfId() {
        var parent = MiniDataset()
        parent.actors = #"[{"id": "a1", "name": "A", "kind": "other", "parent": "r1", "sources": ["s1"]}]"#
        #expect(parent.problems.map(\.path) == ["$.actors[0].parent"])
        #expect(parent.problems.first?.message.hasPrefix(#""r1" is a region, expected a"#) == true)

        var source = MiniDataset()
        source.actors = #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["e1"]}]"#
        #expect(source.problems.map(\.path) == ["$.actors[0].sources[0]"])
        #expect(source.problems.first?.message == #""e1" is an event, expected a source id"#)

        var relation = MiniDataset()
        relation.relations = #"[{"id": "x", "kind": "allied", "from": "a1", "to": "s1", "sources": ["s1"]}]"#
        #expect(relation.problems.map(\.path) == ["$.relations[0].to"])
        #expect(relation.problems.first?.message.contains(#""s1" is a source"#) == true)

        // In records, an id of the wrong kind is refused too.
        var record = MiniDataset()
        record.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "regions": ["a1"], "sources": ["s1"]}]"#
        #expect(record.problems.lines == [#"$.events[0].regions[0]: "a1" is an actor, expected a region id"#])
        var perpetrator = MiniDataset()
        perpetrator.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["r1"], "sources": ["s1"]}]"#
        #expect(
            perpetrator.problems.lines == [#"$.incidents[0].perpetrators[0]: "r1" is a region, expected an actor id"#])
    }

    // MARK: Dates

    @Test(
        "impossible and malformed dates are refused",
        arguments: [
            "2021-02-30", "2021-13", "2021-00", "2021-04-31", "2019-02-29", "1900-02-29", "2021-1-5", "21",
            "2021/05/24",
            "0000", "24 May 2021", "2021-05-24T15:11Z", "２０２１",
        ])
    func invalidDates(date: String) {
        var mini = MiniDataset()
        mini.events = #"[{"id": "e1", "date": "\#(date)", "category": "other", "title": "E", "sources": ["s1"]}]"#
        let problems = mini.problems.at("$.events[0].date")
        #expect(
            problems.map(\.message) == [
                "invalid date \"\(date)\" (expected an existing date as YYYY, YYYY-MM or YYYY-MM-DD)"
            ])
    }

    @Test(
        "leap days and all three precisions are accepted",
        arguments: [
            ("2020-02-29", DatePrecision.day), ("2000-02-29", .day), ("2021-12-31", .day), ("2021-12", .month),
            ("2012", .year),
        ])
    func validDates(date: String, precision: DatePrecision) throws {
        var mini = MiniDataset()
        mini.events = #"[{"id": "e1", "date": "\#(date)", "category": "other", "title": "E", "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.records.date(0).precision == precision)
        #expect(dataset.records.date(0).description == date)
    }

    @Test(
        "dates are checked in every section",
        arguments: [
            (MiniSection.sources, #"[{"id": "s1", "title": "S", "date": "2021-02-30"}]"#, "$.sources[0].date"),
            (
                .relations,
                #"[{"id": "x", "kind": "allied", "from": "a1", "to": "a2", "start": "2021-13", "sources": ["s1"]}]"#,
                "$.relations[0].start"
            ),
            (
                .actors,
                #"[{"id": "a1", "name": "A", "kind": "other", "roles": [{"title": "T", "end": "2021-02-30"}], "sources": ["s1"]}]"#,
                "$.actors[0].roles[0].end"
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "start": "2021-13", "presence": "low", "trend": "stable", "groups": [], "statement": "S", "sources": ["s1"]}]"#,
                "$.assessments[0].start"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "end": "2020-02-30", "category": "attack", "region": "r1", "sources": ["s1"]}]"#,
                "$.incidents[0].end"
            ),
        ] as [(MiniSection, String, String)])
    func datesEverywhere(section: MiniSection, json: String, path: String) {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}]"#
        mini[section] = json
        #expect(mini.problems.at(path).first?.message.hasPrefix("invalid date") == true, "\(mini.problems.lines)")
    }

    @Test("the dataset's asOf date is checked")
    func asOfDate() {
        let text =
            #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T", "asOf": "2025-02-29"}, "sources": [], "actors": [], "regions": [], "events": [], "incidents": []}"#
        #expect(Load.problems(text).map(\.path) == ["$.dataset.asOf"])
    }

    @Test(
        "an end before the start is refused, in records, relations, roles and assessments",
        arguments: [
            (
                MiniSection.events,
                #"[{"id": "e1", "date": "2021-05-24", "end": "2021-05-01", "category": "other", "title": "E", "sources": ["s1"]}]"#,
                "$.events[0].end", "end 2021-05-01 is before start 2021-05-24"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2021", "end": "2020-12", "category": "attack", "region": "r1", "sources": ["s1"]}]"#,
                "$.incidents[0].end", "end 2020-12 is before start 2021"
            ),
            (
                .relations,
                #"[{"id": "x", "kind": "allied", "from": "a1", "to": "a2", "start": "2020", "end": "2019", "sources": ["s1"]}]"#,
                "$.relations[0].end", "end 2019 is before start 2020"
            ),
            (
                .actors,
                #"[{"id": "a1", "name": "A", "kind": "other", "roles": [{"title": "T", "start": "2021-06-07", "end": "2021-05"}], "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}]"#,
                "$.actors[0].roles[0].end", "end 2021-05 is before start 2021-06-07"
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "start": "2021-06", "end": "2021-05-31", "presence": "low", "trend": "stable", "groups": [], "statement": "S", "sources": ["s1"]}]"#,
                "$.assessments[0].end", "end 2021-05-31 is before start 2021-06"
            ),
        ] as [(MiniSection, String, String, String)])
    func endBeforeStart(section: MiniSection, json: String, path: String, message: String) {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}]"#
        mini[section] = json
        #expect(mini.problems.lines == ["\(path): \(message)"])
    }

    @Test("an end in the same month or year as a precise start is not before it")
    func coarseEndOverlapsStart() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2021-05-24", "end": "2021-05", "category": "other", "title": "E", "sources": ["s1"]}, {"id": "e2", "date": "2021-05-24", "end": "2021", "category": "other", "title": "F", "sources": ["s1"]}, {"id": "e3", "date": "2021-05-24", "end": "2021-05-24", "category": "other", "title": "G", "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.records.count == 4)
    }

    // MARK: Fatalities

    @Test("negative fatalities are refused", arguments: ["best", "low", "high"])
    func negativeFatalities(field: String) {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"\#(field)": -3}, "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.incidents[0].fatalities.\(field): must not be negative (found -3)"])
    }

    @Test(
        "inconsistent fatalities are refused",
        arguments: [
            (#"{"low": 10, "high": 5}"#, ["low (10) is greater than high (5)"]),
            (#"{"best": 5, "low": 10}"#, ["low (10) is greater than best (5)"]),
            (#"{"best": 20, "high": 10}"#, ["best (20) is greater than high (10)"]),
            (
                #"{"best": 1, "low": 10, "high": 5}"#,
                ["low (10) is greater than high (5)", "low (10) is greater than best (1)"]
            ),
        ])
    func inconsistentFatalities(fatalities: String, messages: [String]) {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": \#(fatalities), "sources": ["s1"]}]"#
        #expect(mini.problems.map(\.path) == Array(repeating: "$.incidents[0].fatalities", count: messages.count))
        #expect(mini.problems.map(\.message) == messages)
    }

    @Test("consistent fatalities, including equal bounds and zero, are accepted")
    func consistentFatalities() throws {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"best": 12, "low": 10, "high": 15}, "sources": ["s1"]}, {"id": "i2", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"best": 0, "low": 0, "high": 0}, "sources": ["s1"]}, {"id": "i3", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"low": 7, "high": 7}, "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.records.fatalities(1) == Fatalities(best: 12, low: 10, high: 15))
        #expect(dataset.records.fatalities(2) == Fatalities(best: 0, low: 0, high: 0))
    }

    @Test("a bare number of fatalities is read as the best estimate")
    func bareFatalities() throws {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": 7, "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.records.fatalities(1) == Fatalities(best: 7))
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": -7, "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.incidents[0].fatalities: must not be negative (found -7)"])
    }

    @Test("fatalities beyond 32 bits are refused")
    func hugeFatalities() {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"best": 3000000000}, "sources": ["s1"]}]"#
        #expect(mini.problems.map(\.path) == ["$.incidents[0].fatalities.best"])
        #expect(mini.problems.first?.message.hasPrefix("number out of range") == true)
    }

    // MARK: Sources

    @Test(
        "every kind of record must cite a source",
        arguments: [
            (
                MiniSection.actors, #"[{"id": "a1", "name": "A", "kind": "other", "sources": []}]"#,
                "$.actors[0].sources"
            ),
            (.actors, #"[{"id": "a1", "name": "A", "kind": "other"}]"#, "$.actors[0].sources"),
            (
                .relations, #"[{"id": "x", "kind": "allied", "from": "a1", "to": "a2", "sources": []}]"#,
                "$.relations[0].sources"
            ),
            (.regions, #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre"}]"#, "$.regions[0].sources"),
            (
                .events, #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "sources": []}]"#,
                "$.events[0].sources"
            ),
            (.events, #"[{"id": "e1", "date": "2020", "category": "other", "title": "E"}]"#, "$.events[0].sources"),
            (
                .incidents, #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "sources": null}]"#,
                "$.incidents[0].sources"
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "presence": "low", "trend": "stable", "groups": [], "statement": "S", "sources": []}]"#,
                "$.assessments[0].sources"
            ),
        ] as [(MiniSection, String, String)])
    func recordsWithoutSources(section: MiniSection, json: String, path: String) {
        var mini = MiniDataset()
        if section != .actors {
            mini.actors =
                #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}]"#
        } else {
            mini.incidents = "[]"
        }
        mini[section] = json
        #expect(mini.problems.lines == ["\(path): every record must cite at least one source"])
    }

    // MARK: Cycles

    @Test("a parent chain that loops is refused")
    func actorParentCycle() {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "parent": "a3", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "parent": "a1", "sources": ["s1"]}, {"id": "a3", "name": "C", "kind": "other", "parent": "a2", "sources": ["s1"]}]"#
        let problems = mini.problems
        #expect(problems.count == 1)
        #expect(problems.first?.path.hasPrefix("$.actors[") == true)
        #expect(problems.first?.path.hasSuffix("].parent") == true)
        let message = problems.first?.message ?? ""
        #expect(message.hasPrefix("parent chain loops: "))
        for id in ["a1", "a2", "a3"] { #expect(message.contains(id)) }
    }

    @Test("an actor that is its own parent is refused")
    func selfParent() {
        var mini = MiniDataset()
        mini.actors = #"[{"id": "a1", "name": "A", "kind": "other", "parent": "a1", "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.actors[0].parent: parent chain loops: a1 → a1"])
    }

    @Test("a region parent chain that loops is refused")
    func regionParentCycle() {
        var mini = MiniDataset()
        mini.regions =
            #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre", "parent": "r2", "sources": ["s1"]}, {"id": "r2", "name": "S", "kind": "region-2023", "zone": "centre", "parent": "r1", "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.regions[0].parent: parent chain loops: r1 → r2 → r1"])
    }

    @Test("part-of relations that loop are refused")
    func partOfCycle() {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}, {"id": "a3", "name": "C", "kind": "other", "sources": ["s1"]}]"#
        mini.relations =
            #"[{"id": "x1", "kind": "part-of", "from": "a1", "to": "a2", "sources": ["s1"]}, {"id": "x2", "kind": "part-of", "from": "a2", "to": "a3", "sources": ["s1"]}, {"id": "x3", "kind": "part-of", "from": "a3", "to": "a1", "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.relations: part-of relations loop: a1 → a2 → a3 → a1"])
    }

    @Test("relations of other kinds may go both ways, and a chain without a loop is fine")
    func noFalseCycles() throws {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "parent": "a2", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "parent": "a3", "sources": ["s1"]}, {"id": "a3", "name": "C", "kind": "other", "sources": ["s1"]}]"#
        mini.relations =
            #"[{"id": "x1", "kind": "fights", "from": "a1", "to": "a2", "sources": ["s1"]}, {"id": "x2", "kind": "fights", "from": "a2", "to": "a1", "sources": ["s1"]}, {"id": "x3", "kind": "part-of", "from": "a1", "to": "a3", "sources": ["s1"]}, {"id": "x4", "kind": "part-of", "from": "a2", "to": "a3", "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.relations.count == 4)
    }

    @Test("a relation from an actor to itself is refused")
    func selfRelation() {
        var mini = MiniDataset()
        mini.relations = #"[{"id": "x", "kind": "allied", "from": "a1", "to": "a1", "sources": ["s1"]}]"#
        #expect(mini.problems.lines == ["$.relations[0]: a relation from an actor to itself"])
    }

    // MARK: Coordinates

    @Test(
        "latitude and longitude out of range are refused",
        arguments: [
            (
                MiniSection.events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "lat": 90.5, "lon": 0, "sources": ["s1"]}]"#,
                "$.events[0].lat: latitude 90.5 is out of range (−90…90)"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "lat": 0, "lon": -180.01, "sources": ["s1"]}]"#,
                "$.events[0].lon: longitude -180.01 is out of range (−180…180)"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "lat": -91, "sources": ["s1"]}]"#,
                "$.incidents[0].lat: latitude -91.0 is out of range (−90…90)"
            ),
            (
                .regions,
                #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre", "capital": {"name": "C", "lat": 12.6, "lon": 200}, "sources": ["s1"]}]"#,
                "$.regions[0].capital.lon: longitude 200.0 is out of range (−180…180)"
            ),
        ] as [(MiniSection, String, String)])
    func coordinatesOutOfRange(section: MiniSection, json: String, line: String) {
        var mini = MiniDataset()
        mini[section] = json
        #expect(mini.problems.lines.contains(line), "\(mini.problems.lines)")
        #expect(mini.problems.first?.line != nil)
    }

    @Test("the extreme coordinates are accepted")
    func extremeCoordinates() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "lat": -90, "lon": 180, "sources": ["s1"]}, {"id": "e2", "date": "2020", "category": "other", "title": "F", "lat": 90, "lon": -180, "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.record(0).latitude == -90)
        #expect(dataset.record(1).longitude == -180)
    }
}
