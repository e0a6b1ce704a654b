import Foundation
import Testing
@testable import SitmonCore

/// What a user sees when a file is not a valid dataset: file, line, column, JSON path, expected vs found,
/// and the exit code the CLI will use.
@Suite("Decoding errors")
struct DecodingErrorTests {
    /// A document with one actor on line 7, whose fields `actor` supplies.
    static func document(actor: String) -> String {
        [
            "{",
            #"  "format": "sitmon-dataset","#,
            #"  "version": 1,"#,
            #"  "dataset": {"id": "d", "title": "T"},"#,
            #"  "sources": [{"id": "s1", "title": "S"}],"#,
            #"  "actors": ["#,
            "    {\(actor)}",
            "  ],",
            #"  "regions": [], "events": [], "incidents": []"#,
            "}",
        ].joined(separator: "\n")
    }

    @Test("a value of the wrong type names file, line, column (in characters), path, expected and found")
    func wrongTypeIsPlaced() throws {
        // Line 7 is `    {"id": "goita", "name": "Goïta", "kind": 5, ...}`; the ï is one character of two bytes.
        let text = Self.document(actor: #""id": "goita", "name": "Goïta", "kind": 5, "sources": ["s1"]"#)
        let d = try Load.onlyDiagnostic(Array(text.utf8), name: "actors.json")
        #expect(d.file == "actors.json")
        #expect(d.line == 7)
        #expect(d.column == 46)
        #expect(d.path == "$.actors[0].kind")
        #expect(d.message == "expected an actor kind, found a number")
        #expect(d.description == "actors.json:7:46: $.actors[0].kind: expected an actor kind, found a number")
    }

    @Test("messages put 'an' before a vowel")
    func articles() throws {
        let text = Self.document(actor: #""id": "goita", "name": "Goïta", "kind": 5, "sources": ["s1"]"#)
        #expect(Load.problems(text).first?.message == "expected an actor kind, found a number")
        var wrongKind = MiniDataset()
        wrongKind.actors = #"[{"id": "a1", "name": "A", "kind": "other", "parent": "r1", "sources": ["s1"]}]"#
        var wrongSource = MiniDataset()
        wrongSource.actors = #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["e1"]}]"#
        #expect(wrongKind.problems.first?.message == #""r1" is a region, expected an actor id"#)
        #expect(wrongSource.problems.first?.message == #""e1" is an event, expected a source id"#)
    }

    @Test(
        "values of the wrong type are reported with expected and found",
        arguments: [
            (
                #""id": "a", "name": 7, "kind": "other", "sources": ["s1"]"#, "$.actors[0].name",
                "expected a string, found a number"
            ),
            (
                #""id": "a", "name": "A", "kind": "other", "sources": "s1""#, "$.actors[0].sources",
                "expected an array of ids, found a string"
            ),
            (
                #""id": "a", "name": "A", "kind": "other", "aliases": "x", "sources": ["s1"]"#, "$.actors[0].aliases",
                "expected an array of strings, found a string"
            ),
            (
                #""id": 12, "name": "A", "kind": "other", "sources": ["s1"]"#, "$.actors[0].id",
                "expected an id (string), found a number"
            ),
            (
                #""id": "a", "name": "A", "kind": "other", "parent": ["b"], "sources": ["s1"]"#, "$.actors[0].parent",
                "expected an id (string), found an array"
            ),
            (
                #""id": "a", "name": "A", "kind": "other", "roles": {}, "sources": ["s1"]"#, "$.actors[0].roles",
                "expected an array of roles, found an object"
            ),
            (
                #""id": "a", "name": "A", "kind": "other", "summary": true, "sources": ["s1"]"#, "$.actors[0].summary",
                "expected a string, found a boolean"
            ),
        ] as [(String, String, String)])
    func wrongTypes(actor: String, path: String, message: String) {
        let problems = Load.problems(Self.document(actor: actor))
        #expect(problems.lines.contains("\(path): \(message)"), "\(problems.lines)")
        #expect(problems.allSatisfy { $0.line == 7 })
    }

    @Test(
        "wrong types in sections and records",
        arguments: [
            (
                #"{"format": "sitmon-dataset", "version": 1, "dataset": [], "sources": [], "actors": [], "regions": [], "events": [], "incidents": []}"#,
                "$.dataset: expected an object, found an array"
            ),
            (
                #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T"}, "sources": [], "actors": {}, "regions": [], "events": [], "incidents": []}"#,
                "$.actors: expected an array, found an object"
            ),
            (
                #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T"}, "sources": [], "actors": [5], "regions": [], "events": [], "incidents": []}"#,
                "$.actors[0]: expected an object, found a number"
            ),
            (
                #"{"format": "sitmon-dataset", "version": "1", "dataset": {"id": "d", "title": "T"}, "sources": [], "actors": [], "regions": [], "events": [], "incidents": []}"#,
                "$.version: expected a number, found a string"
            ),
        ] as [(String, String)])
    func wrongTypesInSections(text: String, line: String) {
        #expect(Load.problems(text).lines.contains(line), "\(Load.problems(text).lines)")
    }

    @Test(
        "wrong types inside records",
        arguments: [
            (
                #"[{"id": "e1", "date": 2020, "category": "other", "title": "E", "sources": ["s1"]}]"#,
                "$.events[0].date",
                "expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), found a number"
            ),
            (
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "lat": "12", "sources": ["s1"]}]"#,
                "$.events[0].lat",
                "expected a number, found a string"
            ),
            (
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "fatalities": "many", "sources": ["s1"]}]"#,
                "$.events[0].fatalities", "expected an object {best, low, high, note}, found a string"
            ),
            (
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "actors": ["a1"], "sources": ["s1"]}]"#,
                "$.events[0].actors[0]", #"expected {"actor": id, "role": text}, found a string"#
            ),
            (
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "time": "3pm", "sources": ["s1"]}]"#,
                "$.events[0].time", #"invalid time "3pm" (expected HH:MMZ, UTC)"#
            ),
            (
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "fatalities": {"best": 2.5}, "sources": ["s1"]}]"#,
                "$.events[0].fatalities.best", "expected a whole number, found 2.5"
            ),
        ] as [(String, String, String)])
    func wrongTypesInRecords(events: String, path: String, message: String) {
        var mini = MiniDataset()
        mini.events = events
        #expect(mini.problems.at(path).map(\.message) == [message], "\(mini.problems.lines)")
    }

    @Test(
        "arrays of objects (figures, alternatives): each bad element is reported at its own path, and only those",
        arguments: [
            (
                "figures",
                #"[{"label": "killed", "value": 3}, 7, {"label": "x"}, null, {"value": 2, "unit": "km", "label": "away"}]"#,
                [
                    "$.events[0].figures[1]: expected a figure object, found a number",
                    "$.events[0].figures[2]: a figure needs a label and a value",
                    "$.events[0].figures[3]: expected a figure object, found null",
                ]
            ),
            (
                "alternatives",
                #"[{"field": "date", "value": "2012-04"}, "x", {"field": "title"}, {"field": "n", "value": 12, "sources": ["s1"]}]"#,
                [
                    "$.events[0].alternatives[1]: expected an alternative object, found a string",
                    "$.events[0].alternatives[2]: an alternative needs a field and a value",
                ]
            ),
            ("figures", #"{"label": "killed"}"#, ["$.events[0].figures: expected an array, found an object"]),
        ] as [(String, String, [String])])
    func arraysOfObjects(field: String, value: String, lines: [String]) throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "\#(field)": \#(value), "sources": ["s1"]}]"#
        #expect(mini.problems.lines.filter { $0.hasPrefix("$.events[0].\(field)") } == lines, "\(mini.problems.lines)")
    }

    @Test("roles: a role that is not an object or has no title is reported at its path")
    func badRoles() {
        let problems = Load.problems(
            Self.document(
                actor:
                    #""id": "a", "name": "A", "kind": "other", "roles": [{"title": "President", "start": "2020"}, "chief", {"start": "2021"}], "sources": ["s1"]"#
            ))
        #expect(
            problems.lines.contains("$.actors[0].roles[1]: expected a role object, found a string"), "\(problems.lines)"
        )
        #expect(problems.lines.contains("$.actors[0].roles[2]: missing required field 'title'"), "\(problems.lines)")
        #expect(problems.count == 2, "\(problems.lines)")
    }

    @Test("a field of the wrong type or value is not also reported as missing")
    func wrongTypeIsNotMissing() {
        var mini = MiniDataset()
        mini.events = #"[{"id": "e1", "date": 2020, "category": "other", "title": "E", "sources": ["s1"]}]"#
        var badDate = MiniDataset()
        badDate.events = #"[{"id": "e1", "date": "2021-02-30", "category": "other", "title": "E", "sources": ["s1"]}]"#
        var badId = MiniDataset()
        badId.actors = #"[{"id": 12, "name": "A", "kind": "other", "sources": ["s1"]}]"#
        badId.incidents = "[]"
        var badRegion = MiniDataset()
        badRegion.incidents = #"[{"id": "i1", "date": "2020", "category": "attack", "region": 5, "sources": ["s1"]}]"#
        var badRecordId = MiniDataset()
        badRecordId.events = #"[{"id": 5, "date": "2020", "category": "other", "title": "E", "sources": ["s1"]}]"#
        #expect(
            mini.problems.lines == [
                "$.events[0].date: expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), found a number"
            ])
        #expect(badDate.problems.map(\.path) == ["$.events[0].date"])
        #expect(badRegion.problems.lines == ["$.incidents[0].region: expected an id (string), found a number"])
        #expect(badRecordId.problems.lines == ["$.events[0].id: expected an id (string), found a number"])
        #expect(badId.problems.lines == ["$.actors[0].id: expected an id (string), found a number"])
    }

    @Test("an unknown enum value lists the allowed values")
    func unknownEnumValue() throws {
        let text = Self.document(actor: #""id": "goita", "name": "Goïta", "kind": "warlord", "sources": ["s1"]"#)
        let d = try #require(Load.problems(text).first)
        #expect(d.path == "$.actors[0].kind")
        #expect(d.line == 7 && d.column == 46)
        #expect(d.message == "unknown actor kind \"warlord\" (expected one of: \(ActorKind.allowedValues))")
        for kind in ["head-of-state", "junta", "jihadist-group", "private-military-company", "civilians", "other"] {
            #expect(d.message.contains(kind))
        }
        #expect(ActorKind.allCases.count == 22)
    }

    @Test(
        "unknown values of every vocabulary are refused",
        arguments: [
            (
                .events, #"[{"id": "e1", "date": "2020", "category": "coupe", "title": "E", "sources": ["s1"]}]"#,
                "$.events[0].category", "unknown category \"coupe\" (expected one of: \(Category.allowedValues))"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "coup", "severity": "high", "title": "E", "sources": ["s1"]}]"#,
                "$.events[0].severity", "unknown severity \"high\" (expected one of: info, notice, warning, critical)"
            ),
            (
                .regions, #"[{"id": "r1", "name": "R", "kind": "province", "zone": "centre", "sources": ["s1"]}]"#,
                "$.regions[0].kind",
                "unknown region kind \"province\" (expected one of: region, district, region-2023, country)"
            ),
            (
                .regions, #"[{"id": "r1", "name": "R", "kind": "region", "zone": "east", "sources": ["s1"]}]"#,
                "$.regions[0].zone", "unknown zone \"east\" (expected one of: \(Zone.allowedValues))"
            ),
            (
                .relations, #"[{"id": "x", "kind": "loves", "from": "a1", "to": "a1", "sources": ["s1"]}]"#,
                "$.relations[0].kind",
                "unknown relation kind \"loves\" (expected one of: \(RelationKind.allowedValues))"
            ),
            (
                .assessments,
                #"[{"id": "x", "region": "r1", "presence": "total", "trend": "up", "statement": "S", "sources": ["s1"]}]"#,
                "$.assessments[0].presence",
                "unknown presence \"total\" (expected one of: none, low, moderate, high, control)"
            ),
        ] as [(MiniSection, String, String, String)])
    func unknownVocabulary(section: MiniSection, json: String, path: String, message: String) {
        var mini = MiniDataset()
        mini[section] = json
        let problems = mini.problems
        #expect(problems.at(path).map(\.message) == [message], "\(problems.lines)")
    }

    @Test("an unknown field is refused at the key's line and column")
    func unknownField() throws {
        let text = Self.document(
            actor: #""id": "goita", "name": "Goïta", "nmae": "x", "kind": "other", "sources": ["s1"]"#)
        let problems = Load.problems(text)
        #expect(problems.lines == ["$.actors[0]: unknown field 'nmae'"])
        let d = try #require(problems.first)
        #expect(d.line == 7)
        #expect(d.column == 38 || d.column == 39)  // the key's quote or its first letter
    }

    @Test("an unknown field whose name has an accent or an escape is placed at its own line")
    func unknownNonASCIIField() throws {
        let accented = Load.problems(
            Self.document(actor: #""id": "goita", "name": "Goïta", "nàme": "x", "kind": "other", "sources": ["s1"]"#))
        let escaped = Load.problems(
            Self.document(
                actor: #""id": "goita", "name": "Goïta", "n\u0061me2": "x", "kind": "other", "sources": ["s1"]"#))
        #expect(accented.lines == ["$.actors[0]: unknown field 'nàme'"])
        #expect(escaped.lines == ["$.actors[0]: unknown field 'name2'"])
        // Keys read by the slow path (an accent, an escape) are placed in the file, not the decoder's scratch area.
        #expect(accented.first?.line == 7)
        #expect(escaped.first?.line == 7)
        // Both keys start where "nmae" does in unknownField().
        let ascii = Load.problems(
            Self.document(actor: #""id": "goita", "name": "Goïta", "nmae": "x", "kind": "other", "sources": ["s1"]"#))
        #expect(ascii.first?.column != nil)
        #expect(accented.first?.column == ascii.first?.column)
        #expect(escaped.first?.column == ascii.first?.column)
    }

    @Test(
        "unknown fields everywhere are refused",
        arguments: [
            (.sources, #"[{"id": "s1", "title": "S", "year": 2020}]"#, "$.sources[0]: unknown field 'year'"),
            (
                .regions,
                #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre", "capital": {"name": "C", "lat": 1, "lon": 2, "alt": 3}, "sources": ["s1"]}]"#,
                "$.regions[0].capital: unknown field 'alt'"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "region": "r1", "sources": ["s1"]}]"#,
                "$.events[0]: unknown field 'region'"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "regions": ["r1"], "sources": ["s1"]}]"#,
                "$.incidents[0]: unknown field 'regions'"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "perpetrators": ["a1"], "sources": ["s1"]}]"#,
                "$.events[0]: unknown field 'perpetrators'"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "fatalities": {"best": 1, "max": 2}, "sources": ["s1"]}]"#,
                "$.events[0].fatalities: unknown field 'max'"
            ),
        ] as [(MiniSection, String, String)])
    func unknownFields(section: MiniSection, json: String, line: String) {
        var mini = MiniDataset()
        mini[section] = json
        #expect(mini.problems.lines == [line])
    }

    @Test("an unknown top-level field is refused")
    func unknownTopLevelField() {
        let text =
            #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T"}, "sources": [], "actorz": [], "actors": [], "regions": [], "events": [], "incidents": []}"#
        #expect(Load.problems(text).lines == ["$: unknown field 'actorz'"])
    }

    @Test(
        "missing required fields are each reported",
        arguments: [
            (
                .actors, #"[{"id": "a1", "sources": ["s1"]}]"#,
                ["$.actors[0]: missing required field 'name'", "$.actors[0]: missing required field 'kind'"]
            ),
            (.sources, #"[{"id": "s1"}]"#, ["$.sources[0]: missing required field 'title'"]),
            (
                .regions, #"[{"id": "r1", "name": "R", "sources": ["s1"]}]"#,
                ["$.regions[0]: missing required field 'kind'", "$.regions[0]: missing required field 'zone'"]
            ),
            (
                .events, #"[{"id": "e1", "sources": ["s1"]}]"#,
                [
                    "$.events[0]: missing required field 'date'", "$.events[0]: missing required field 'category'",
                    "$.events[0]: missing required field 'title'",
                ]
            ),
            (
                .incidents, #"[{"id": "i1", "date": "2020", "category": "attack", "sources": ["s1"]}]"#,
                ["$.incidents[0]: missing required field 'region'"]
            ),
            (
                .relations, #"[{"id": "x", "kind": "allied", "sources": ["s1"]}]"#,
                ["$.relations[0]: missing required field 'from'", "$.relations[0]: missing required field 'to'"]
            ),
            (
                .assessments, #"[{"id": "x", "sources": ["s1"]}]"#,
                [
                    "$.assessments[0]: missing required field 'region'",
                    "$.assessments[0]: missing required field 'presence'",
                    "$.assessments[0]: missing required field 'statement'",
                ]
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "actors": [{"role": "leader"}], "sources": ["s1"]}]"#,
                ["$.events[0].actors[0]: missing required field 'actor'"]
            ),
        ] as [(MiniSection, String, [String])])
    func missingFields(section: MiniSection, json: String, lines: [String]) {
        var mini = MiniDataset()
        mini[section] = json
        #expect(mini.problems.lines == lines)
    }

    @Test("a record without an id is reported")
    func missingId() {
        var mini = MiniDataset()
        mini.actors = #"[{"name": "A", "kind": "other", "sources": ["s1"]}]"#
        mini.incidents = "[]"
        #expect(mini.problems.lines == ["$.actors[0]: missing required field 'id'"])
    }

    @Test("missing sections, format and version are reported")
    func missingSections() {
        let problems = Load.problems(#"{"dataset": {"id": "d", "title": "T"}, "sources": []}"#)
        #expect(
            problems.lines == [
                #"$.format: missing field 'format' (expected "sitmon-dataset")"#,
                "$.version: missing field 'version' (expected 1)",
                "$: missing section 'actors'",
                "$: missing section 'regions'",
                "$: missing section 'events'",
                "$: missing section 'incidents'",
            ])
        // relations and assessments default to empty.
        #expect(!problems.lines.contains { $0.contains("relations") || $0.contains("assessments") })
    }

    @Test("a wrong format or version is refused")
    func wrongFormatAndVersion() {
        let text =
            #"{"format": "geojson", "version": 2, "dataset": {"id": "d", "title": "T"}, "sources": [], "actors": [], "regions": [], "events": [], "incidents": []}"#
        let problems = Load.problems(text)
        #expect(problems.count == 2)
        #expect(problems.at("$.format").first?.message == #"expected "sitmon-dataset", found "geojson""#)
        #expect(problems.at("$.version").first?.message.hasPrefix("unsupported version 2") == true)
        #expect(problems.at("$.version").first?.message.hasSuffix("(this sitmon reads version 1)") == true)
    }

    @Test("a section given twice is reported")
    func duplicateSection() {
        let text =
            #"{"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T"}, "sources": [], "actors": [], "actors": [], "regions": [], "events": [], "incidents": []}"#
        #expect(Load.problems(text).lines == ["$.actors: the section appears twice"])
    }

    @Test(
        "a field given twice in a small table or a nested object is reported at the repeat, naming the field",
        arguments: [
            (MiniSection.sources, #"[{"id": "s1", "title": "One", "title": "Two"}]"#, "$.sources[0]", "title"),
            (
                .actors, #"[{"id": "a1", "name": "A", "kind": "other", "kind": "militia", "sources": ["s1"]}]"#,
                "$.actors[0]", "kind"
            ),
            (
                .actors,
                #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"], "roles": [{"title": "x", "start": "2020", "start": "2021"}]}]"#,
                "$.actors[0].roles[0]", "start"
            ),
            (
                .regions,
                #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre", "zone": "north", "sources": ["s1"]}]"#,
                "$.regions[0]", "zone"
            ),
            (
                .regions,
                #"[{"id": "r1", "name": "R", "kind": "region", "zone": "centre", "sources": ["s1"], "capital": {"name": "C", "lat": 1, "lon": 2, "lat": 3}}]"#,
                "$.regions[0].capital", "lat"
            ),
            (
                .relations,
                #"[{"id": "x", "kind": "allied", "from": "a1", "to": "a2", "to": "a1", "sources": ["s1"]}]"#,
                "$.relations[0]", "to"
            ),
            (
                .assessments,
                #"[{"id": "as1", "region": "r1", "presence": "none", "statement": "S", "sources": ["s1"], "sources": ["s1"]}]"#,
                "$.assessments[0]", "sources"
            ),
            (
                .incidents,
                #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "sources": ["s1"], "fatalities": {"best": 1, "best": 2}}]"#,
                "$.incidents[0].fatalities", "best"
            ),
            (
                .events,
                #"[{"id": "e1", "date": "2020", "category": "other", "title": "E", "sources": ["s1"], "actors": [{"actor": "a1", "actor": "a1", "role": "x"}]}]"#,
                "$.events[0].actors[0]", "actor"
            ),
        ] as [(MiniSection, String, String, String)])
    func repeatedFields(section: MiniSection, json: String, path: String, field: String) throws {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "Actor one", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "Actor two", "kind": "other", "sources": ["s1"]}]"#
        mini[section] = json
        let problems = mini.problems
        #expect(problems.lines == ["\(path): field '\(field)' appears twice"])
        let d = try #require(problems.first)
        // Placed at the second occurrence of the key.
        let text = mini.text(at: d)
        #expect(text.hasPrefix("\"\(field)\""), "\(d.description) points at: \(text.prefix(20))")
        #expect(!text.dropFirst().contains("\"\(field)\""), "\(d.description) is not at the last occurrence")
    }

    @Test("null optional fields are accepted")
    func nullOptionals() throws {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "shortName": null, "aliases": null, "kind": "other", "parent": null, "roles": null, "summary": null, "sources": ["s1"]}]"#
        mini.events =
            #"[{"id": "e1", "date": "2020", "end": null, "time": null, "category": "other", "title": "E", "summary": null, "lat": null, "fatalities": null, "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.actors[0].shortName == nil)
        #expect(dataset.record(0).end == nil)
    }

    // MARK: Not a dataset at all

    @Test("an empty file says it is empty", arguments: ["", "   \n\t  \n"])
    func emptyFile(text: String) throws {
        let error = try #require(Load.loadError(text, name: "empty.json"))
        #expect(error.exitCode == 65)
        #expect(
            error.diagnostics.map(\.description)
                == ["empty.json:1:1: $: the file is empty, expected a sitmon dataset (a JSON object)"])
    }

    @Test("with a byte-order mark, columns on the first line are counted as an editor shows them")
    func columnsAfterByteOrderMark() throws {
        let error = try #require(Load.loadError([0xEF, 0xBB, 0xBF] + Array("null".utf8)))
        let d = try #require(error.diagnostics.first)
        #expect(d.path == "$" && d.line == 1)
        #expect(d.column == 1)
    }

    @Test(
        "null, an array, a string or a number is not a dataset",
        arguments: [
            ("null", "$: expected a dataset object, found null"),
            ("[]", "$: expected a dataset object, found an array"),
            ("[{\"format\": \"sitmon-dataset\"}]", "$: expected a dataset object, found an array"),
            ("\"mali\"", "$: expected a dataset object, found a string"),
            ("42", "$: expected a dataset object, found a number"),
            ("true", "$: expected a dataset object, found a boolean"),
        ])
    func notAnObject(text: String, line: String) throws {
        let error = try #require(Load.loadError(text))
        #expect(error.kind == .invalidData)
        #expect(error.diagnostics.lines == [line])
        #expect(error.diagnostics.first?.line == 1 && error.diagnostics.first?.column == 1)
    }

    @Test(
        "text that is not JSON is refused as invalid JSON",
        arguments: [
            ("hello", "invalid JSON: unexpected 'h', expected a value"),
            ("kind,id,date\nevent,e1,2020\n", "invalid JSON: unexpected 'k', expected a value"),
            ("<html></html>", "invalid JSON: unexpected '<', expected a value"),
            ("{'format': 1}", "invalid JSON: unexpected ''', expected a quoted key"),
        ])
    func notJSON(text: String, message: String) throws {
        let error = try #require(Load.loadError(text, name: "x.txt"))
        #expect(error.exitCode == 65)
        #expect(error.diagnostics.map(\.message) == [message])
        #expect(error.diagnostics.first?.path == "")
    }

    @Test("a truncated file is refused at the end of the file")
    func truncatedFile() throws {
        let full = try String(contentsOf: TestPaths.fixture("small.json"), encoding: .utf8)
        let cut = String(full.prefix(full.count / 2))
        let lastLine = cut.split(separator: "\n", omittingEmptySubsequences: false).count
        let error = try #require(Load.loadError(cut, name: "cut.json"))
        #expect(error.kind == .invalidData)
        #expect(error.diagnostics.count == 1)
        let d = try #require(error.diagnostics.first)
        #expect(d.message.hasPrefix("invalid JSON: unexpected end of file"))
        #expect(d.line == lastLine)
    }

    // MARK: Exit codes and files

    @Test("invalid data exits 65, unreadable input 66")
    func exitCodes() {
        #expect(LoadError(kind: .invalidData, diagnostics: []).exitCode == 65)
        #expect(LoadError(kind: .unreadable, diagnostics: []).exitCode == 66)
    }

    @Test("a missing file is unreadable (66) and says so")
    func missingFile() throws {
        let path = "/nonexistent-\(UUID().uuidString)/mali.json"
        Self.expectUnreadable(path, "\(path): cannot read: no such file")
    }

    @Test("a directory is unreadable (66) and says so")
    func directory() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        Self.expectUnreadable(directory.path, "\(directory.path): is a directory, expected a dataset file")
    }

    /// Loading `path` fails as unreadable (exit code 66) with exactly `description`.
    static func expectUnreadable(
        _ path: String, _ description: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) {
            _ = try DatasetLoader.load(path: path)
        } throws: { error in
            guard let error = error as? LoadError else { return false }
            return error.kind == .unreadable && error.exitCode == 66 && error.description == description
        }
    }

    @Test("problems in a file on disk name that file")
    func fileNameInDiagnostics() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json")
        try Self.document(actor: #""id": "goita", "name": "Goïta", "kind": 5, "sources": ["s1"]"#)
            .write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try DatasetLoader.load(path: file.path)
        } throws: { error in
            guard let error = error as? LoadError else { return false }
            return error.exitCode == 65 && error.diagnostics.first?.file == file.path
                && error.description.hasPrefix("\(file.path):7:46: $.actors[0].kind: ")
        }
    }

    @Test("past 1,000 problems the rest are counted, not listed")
    func problemLimit() throws {
        let actors = (0..<1200).map { #"{"id": "a\#($0)", "name": "A", "kind": "nope", "sources": ["s1"]}"# }
        var mini = MiniDataset()
        mini.actors = "[" + actors.joined(separator: ",\n") + "]"
        let error = try #require(Load.loadError(mini.json))
        #expect(error.diagnostics.count == 1000)
        #expect(error.omitted == 200)
        #expect(error.description.hasSuffix("\n… and 200 more problems"))
    }
}
