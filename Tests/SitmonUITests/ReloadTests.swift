import Foundation
import Testing
import SitmonCore
@testable import SitmonUI

/// A reload (`AppState.replaceData`, matching old and new data through `ReloadReconciliation`) keeps what the analyst
/// was looking at, found again by id, and marks what is new until it is seen.
@Suite struct ReloadTests {
    /// The bundled dataset with one more event, first in its section, so every record index after it moves.
    static func engineWithNewEvent() throws -> QueryEngine {
        var text = try String(contentsOfFile: Fixture.datasetPath, encoding: .utf8)
        let section = try #require(text.range(of: #""events": ["#))
        let event =
            #"{"id": "ev-test-reload", "date": "2024-05-01", "category": "strategic-development", "#
            + #""title": "An event added by the reload", "actors": [{"actor": "goita", "role": "perpetrator"}], "#
            + #""regions": ["kidal"], "sources": ["src-crisis24-2021-05"]},"#
        text.insert(contentsOf: event, at: section.upperBound)
        return QueryEngine(dataset: try DatasetLoader.load(bytes: Array(text.utf8), name: "reloaded.json"))
    }

    func ids(_ records: some Sequence<Int32>, _ state: AppState) -> [String] {
        records.map { state.dataset.records.id(Int($0)) }.sorted()
    }

    @Test func reloadKeepsTheFilterAndSelectionAndMarksTheNewRecord() throws {
        var state = try Fixture.state()
        state.runFilter(Filter(actors: [try Fixture.actor("goita")]))
        state.cursors[.timeline]?.selection = 1
        let selected = try #require(state.selectedRecord)
        let selectedId = state.dataset.records.id(Int(selected))
        let undoSteps = state.history.count

        state.replaceData(with: try Self.engineWithNewEvent())
        #expect(state.filter.actors.map { state.dataset.actors[Int($0)].id } == ["goita"])
        #expect(state.history.count == undoSteps)
        #expect(state.selectedRecord.map { state.dataset.records.id(Int($0)) } == selectedId)
        #expect(ids(state.newRecords, state) == ["ev-test-reload"])
        #expect(ids(state.view.records, state).contains("ev-test-reload"))

        // Reloading the same data again: the record is still unseen, so still new; once selected, it is not.
        state.replaceData(with: QueryEngine(dataset: state.dataset))
        #expect(ids(state.newRecords, state) == ["ev-test-reload"])
        let row = try #require(
            (0..<state.view.records.count).first {
                state.timelineRecord(at: $0).map { state.dataset.records.id(Int($0)) } == "ev-test-reload"
            })
        state.cursors[.timeline]?.selection = row
        state.markSelectedSeen()
        #expect(state.newRecords.isEmpty)
    }

    @Test func sortsOrderTheRowsAndCycle() throws {
        var state = try Fixture.state()
        state.regionSort = .fatalities
        state.deriveRows()
        let deaths = state.regionRows.map(\.fatalities)
        #expect(deaths.count > 1 && deaths == deaths.sorted(by: >))
        state.actorSort = .activity
        state.deriveRows()
        let counts = state.actorRows.map { state.view.actorCounts[Int($0)] }
        #expect(counts.count > 1 && counts == counts.sorted(by: >))
        #expect(ActorSort.activity.nextCase == .name && ActorSort.kind.nextCase == .activity)
        #expect(RegionSort.zone.nextCase == .incidents)
    }
}
