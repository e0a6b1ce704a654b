import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// The detail pane shows what the source says about a record, verbatim: its ids (to cite), date and geo precision,
/// admin units, source scale, tags, and coordinates to the last decimal.
@Suite("Detail: the record's origin")
struct DetailOriginTests {
    static let dataset = SmallDataset.json(
        id: "origin", title: "Origin", asOf: "2024-12",
        region: #"{"id": "mopti", "name": "Mopti", "kind": "region", "zone": "centre", "sources": ["src-a"]}"#,
        incident: """
            {"id": "acled-mli2665", "date": "2024-01-09", "category": "armed-clash", "region": "mopti",
             "perpetrators": [], "lat": 35.763369, "lon": -4.245, "sources": ["src-a"],
             "origin": {"ids": {"event_id_cnty": "MLI2665", "event_id_no_cnty": "2665"},
                        "datePrecision": "week", "geoPrecision": "2", "admin1": "Mopti",
                        "admin2": "Djenne", "admin3": "Sofara", "sourceScale": "Local partner-National",
                        "tags": ["crowd size=no report", "bell\\u0007"]}}
            """)

    @Test("the detail pane lists the source ids, precisions, admin units, scale and tags")
    func detailShowsOrigin() throws {
        let dataset = try DatasetLoader.load(bytes: Array(Self.dataset.utf8), name: "origin.json")
        var state = AppState(engine: QueryEngine(dataset: dataset), width: 160, height: 50)
        state.press(.character("4"))
        let lines = DetailContent.lines(for: state, width: 100).map(\.plainText)
        #expect(lines.contains("Source ids: event_id_cnty MLI2665; event_id_no_cnty 2665"))
        #expect(lines.contains("Source date precision: week"))
        #expect(lines.contains("When: 9 Jan 2024 (within a week)"))
        #expect(lines.contains("Admin units: Mopti / Djenne / Sofara"))
        #expect(lines.contains("Geo precision: 2"))
        #expect(lines.contains("Source scale: Local partner-National"))
        #expect(lines.contains("Coordinates: 35.763369, -4.245"))
        let screen = Renderer.render(state)
        #expect(screen.text.contains("Source ids: event_id_cnty MLI2665"))
        #expect(screen.text.contains("Tags: crowd size=no report; bell"))
        #expect(!screen.text.unicodeScalars.contains { $0.value == 0x07 })  // the control character never reaches it
        #expect(screen.structuralProblems().isEmpty)
    }
}
