import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// Two actors that an export names alike stay two in the monitor; deaths show from every record kind.
@Suite("Actor identity and deaths in the monitor")
struct ActorIdentityUITests {
    /// Two parties ACLED both abbreviates BJP, a riot with deaths and an incident in one region.
    static func state() -> AppState {
        var actors = [
            Actor(id: "bjp-india", name: "BJP: Bharatiya Janata Party", shortName: "BJP", kind: .politicalMovement),
            Actor(
                id: "bjp-bangladesh", name: "BJP: Bangladesh Jatiya Party", shortName: "BJP",
                kind: .politicalMovement),
        ]
        ActorLabels.makeUnique(&actors)
        var store = RecordStore()
        let day = PartialDate(iso: "2021-03-01")!
        store.append(
            Record(
                kind: .event, id: "e1", date: day, category: .riot, title: "Mob violence",
                actors: [Participation(actor: 0, role: "actor")], regions: [0],
                fatalities: Fatalities(best: 46), sources: [0]))
        store.append(
            Record(
                kind: .incident, id: "i1", date: day, category: .attack, severity: .warning,
                actors: [Participation(actor: 1, role: RecordStore.perpetratorRole)], regions: [0],
                fatalities: Fatalities(best: 3), sources: [0]))
        let dataset = Dataset(
            info: DatasetInfo(id: "d", title: "Two parties"), sources: [Source(id: "s", title: "S")],
            actors: actors, regions: [Region(id: "r", name: "Riverside", kind: .region, zone: .centre)],
            records: store)
        return AppState(
            engine: QueryEngine(dataset: dataset), width: 120, height: 40, mouseEnabled: false,
            exportDirectory: ".")
    }

    @Test("the actor picker lists both BJPs by their full names")
    func pickerShowsBoth() throws {
        var state = Self.state()
        state.press(.character("a"))
        state.type("bjp")
        guard case .picker(let picker) = state.overlay else { Issue.record("no picker"); return }
        #expect(Set(picker.matches) == [0, 1])
        let screen = Renderer.render(state).text
        #expect(screen.contains("BJP: Bharatiya Janata Party") && screen.contains("BJP: Bangladesh Jatiya Party"))
    }

    @Test("the Regions pane counts the riot's 46 dead; the detail says which kind of record reported them")
    func deathsFromEveryKind() throws {
        var state = Self.state()
        let screen = Renderer.render(state).text
        let row = try #require(screen.split(separator: "\n").first { $0.contains("Riverside") })
        // Incid 1 (the header's incidents), Dead 49 (46 in the riot, 3 in the incident).
        #expect(row.contains("   1    49"), "\(row)")
        #expect(screen.contains("incidents 1/1"))
        // The pane's border sums them up and says which kind of record reported them.
        #expect(screen.contains(" 49 dead · 46 in events "))
        state.press(.character("3"))
        let detail = Renderer.render(state).text
        #expect(detail.contains("Deaths: 49 (3 in incidents, 46 in other events)"), "\(detail)")
    }
}
