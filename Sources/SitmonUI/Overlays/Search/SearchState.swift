import SitmonCore
import SitmonScreen

/// `/` incremental search within the focused pane: each keystroke selects the first matching row from where the
/// search started; Enter keeps it (n and N go on), Esc goes back.
///
/// A keystroke never waits for the records' search text (built on the second core after the first frame: ≈ 0.7 s
/// at a million records). Before it is ready, the first rows from the cursor are tested one by one; a query found
/// there selects its row at once but is not counted yet (`waiting == .count`), a query not found there waits
/// (`waiting == .row`, "searching…" in the footer), and the runtime's `.searchTextReady` runs the query again with
/// the search text: the same row and count as if it had been typed once the text was ready.
public struct SearchState: Sendable, OverlayModel {
    public var query = LineEditor()
    public var pane: Pane
    /// Selection before the search started, restored on Escape.
    public var origin: Int
    public var failed = false
    /// The match under the cursor and the number of matching rows ("3 of 17"); nil while they are not known (a
    /// search typed before the records' text is ready is not counted, so that the keystroke does not wait).
    public var position: MatchPosition?
    /// What the query waits for, the records' search text not being ready; nil when nothing.
    public var waiting: Waiting?
    /// The folded query that waited for its row: a longer query containing it cannot match the rows it did not
    /// match either, so it waits without testing them again.
    var waitingNeedle: [UInt8] = []
    /// The data it waited on (`AppState.dataGeneration`: a reload changes the rows).
    var waitingGeneration = 0

    /// What a search typed before the records' search text is ready waits for.
    public enum Waiting: Sendable, Hashable {
        /// Its first match: none among the rows tested one by one ("searching…").
        case row
        /// Its count: the row is found ("counting…").
        case count
    }

    public init(pane: Pane, origin: Int) {
        self.pane = pane
        self.origin = origin
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch key {
        case .escape:
            var outcome = OverlayOutcome.close
            outcome.select = (pane, origin)
            outcome.highlight = .some(nil)
            return outcome
        case .enter:
            var outcome = OverlayOutcome.close
            outcome.lastSearch = query.text
            if waiting == .row {
                // Found once the search text is ready (`AppState.waitingSearch`); any other key drops it.
                outcome.waitingSearch = WaitingSearch(
                    pane: pane, query: query.text, start: origin, forward: true, current: origin, kept: true)
                return outcome.with(message: "Search: \(query.text): searching…")
            }
            if failed {
                outcome.highlight = .some(nil)
                return outcome.with(message: "Not found: \(query.text)", kind: .error)
            }
            let at = position.map { ": " + $0.text } ?? ""
            return outcome.with(message: "Search: \(query.text)\(at) (n next, N previous, Esc unmarks)")
        default:
            guard query.handle(key) else { return .stay }
            return search(in: app)
        }
    }

    /// Looks for the query from the origin: the row to select, the highlight, the count; what the query waits for
    /// when the records' search text is not ready (`waiting`). A keystroke, and `.searchTextReady` for a query that
    /// waited.
    mutating func search(in app: AppState) -> OverlayOutcome {
        let needle = TextFolding.fold(query.text.trimmingSpaces)
        if waiting == .row, !app.engine.isSearchPrepared, !waitingNeedle.isEmpty,
            waitingGeneration == app.dataGeneration, TextMatcher.contains(needle, waitingNeedle)
        {
            // No match among the rows tested for a shorter query: none for this one.
            var outcome = OverlayOutcome.stay
            outcome.highlight = .some(SearchHighlight(pane: pane, needle: needle))
            return outcome
        }
        // What matches is worked out once for the keystroke, for finding the row and for counting.
        let prepared = SearchState.prepared(app, pane, query.text)
        let found = SearchState.find(app, pane, query.text, from: origin, forward: true, prepared: prepared)
        let row: Int
        switch found {
        case .row(let k):
            row = k
            failed = false
        case .none:
            row = origin
            failed = !query.text.isEmpty
        case .needsText:
            row = origin
            failed = false
        }
        position = failed ? nil : SearchState.matchPosition(app, pane, query.text, row: row, prepared: prepared)
        if found == .needsText {
            waiting = .row
            waitingNeedle = needle
            waitingGeneration = app.dataGeneration
        } else if position == nil && !failed && !needle.isEmpty && SearchState.listsRecords(pane) {
            waiting = .count  // the timeline's matches are counted from the search text
        } else {
            waiting = nil
        }
        var outcome = OverlayOutcome.stay
        outcome.select = (pane, row)
        outcome.highlight = .some(needle.isEmpty || failed ? nil : SearchHighlight(pane: pane, needle: needle))
        return outcome
    }

    /// Whether a pane lists records (the timeline, and the detail, which searches the timeline).
    static func listsRecords(_ pane: Pane) -> Bool { pane == .timeline || pane == .detail }

    /// What matches `query` among the records, worked out once, when the records' text is folded; else nil.
    static func prepared(_ app: AppState, _ pane: Pane, _ query: String) -> RecordSearch? {
        listsRecords(pane) && app.engine.isSearchPrepared ? app.engine.search(query) : nil
    }

    /// True when row `row` of `pane` matches the folded query.
    static func rowMatches(
        _ state: AppState, _ pane: Pane, _ row: Int, _ matcher: inout TextMatcher,
        _ matchingActors: Set<Int32>, _ search: RecordSearch?
    ) -> Bool {
        switch pane {
        case .actors:
            guard row < state.actorRows.count else { return false }
            return matchingActors.contains(state.actorRows[row])
        case .regions:
            guard row < state.regionRows.count else { return false }
            let names = state.engine.index.regionNames[Int(state.regionRows[row].region)]
            return names.contains { TextMatcher.contains($0, matcher.needle) }
        case .map:
            guard row < state.mapMarkers.count else { return false }
            let names = state.engine.index.regionNames[Int(state.mapMarkers[row].region)]
            return names.contains { TextMatcher.contains($0, matcher.needle) }
        case .timeline, .detail:
            guard let record = state.timelineRecord(at: row) else { return false }
            if let search { return state.engine.recordMatches(Int(record), search) }
            return state.engine.recordMatches(Int(record), &matcher, matchingActors: matchingActors)
        }
    }

    /// Rows a search tests one by one while the records' search text is not ready: about 8 ms at 4 µs a row (a
    /// million ACLED rows with 20,000 actors; 5,000 rows took 20 ms a keystroke there).
    static let rowsTestedBeforeTheFold = 2_000

    /// What a search for a row finds: a row, none, or nothing yet (the records' search text is needed and not ready).
    enum Found: Equatable {
        case row(Int)
        case none
        case needsText
    }

    /// The first row from `start` (wrapping) whose content matches `query`, searching forward or backward; waits
    /// for the records' search text when it must (`find` does not).
    static func findRow(
        _ state: AppState, _ pane: Pane, _ query: String, from start: Int, forward: Bool,
        prepared: RecordSearch? = nil
    ) -> Int? {
        if case .row(let row) = find(state, pane, query, from: start, forward: forward, prepared: prepared, wait: true)
        {
            return row
        }
        return nil
    }

    /// The first row from `start` (wrapping) whose content matches `query`, searching forward or backward. Until
    /// the records' search text is ready (the monitor builds it on the second core in the first ≈ 0.7 s at a million
    /// records), the first `rowsTestedBeforeTheFold` rows from the cursor are tested one by one instead, so that a
    /// keystroke whose match is near is answered at once; past them, `.needsText` unless `wait`, which builds or
    /// waits for the search text. Both ways find the same rows (SearchIndexTests).
    static func find(
        _ state: AppState, _ pane: Pane, _ query: String, from start: Int, forward: Bool,
        prepared: RecordSearch? = nil, wait: Bool = false
    ) -> Found {
        var matcher = TextMatcher(query)
        guard !matcher.isEmpty else { return .none }
        let count = state.rowCount(pane)
        guard count > 0 else { return .none }
        let actors = Set(state.engine.actorsMatching(query))
        // Records: what matches is worked out once for the query (narrowed as the query grows).
        let records = listsRecords(pane)
        var search = records && state.engine.isSearchPrepared ? prepared ?? state.engine.search(query) : nil
        if let search, pane == .timeline || pane == .detail, count == state.view.records.count {
            // The timeline's rows are the view's records (newest first: in reverse): one pass over them.
            let oldest = state.timelineSort == .oldest
            let last = count - 1
            guard
                let k = state.engine.firstMatch(
                    search, in: state.view.records, from: oldest ? start : last - start,
                    forward: oldest == forward)
            else { return .none }
            return .row(oldest ? k : last - k)
        }
        for step in 0..<count {
            if records && search == nil && step == rowsTestedBeforeTheFold {
                guard wait || state.engine.isSearchPrepared else { return .needsText }
                search = state.engine.search(query)
            }
            let row = forward ? (start + step) % count : ((start - step) % count + count) % count
            if rowMatches(state, pane, row, &matcher, actors, search) { return .row(row) }
        }
        return .none
    }

    /// Where `row` is among the rows of `pane` matching `query` ("3 of 17"), or nil when the query is empty, or
    /// when the pane is the timeline and the records' text is not folded yet (counting would wait for the fold).
    static func matchPosition(
        _ state: AppState, _ pane: Pane, _ query: String, row: Int,
        prepared: RecordSearch? = nil
    ) -> MatchPosition? {
        var matcher = TextMatcher(query)
        guard !matcher.isEmpty else { return nil }
        switch pane {
        case .timeline, .detail:
            guard state.engine.isSearchPrepared, let search = prepared ?? state.engine.search(query) else { return nil }
            // The view's records are in date order; the timeline may show them newest first.
            let records = state.view.records
            let oldest = state.timelineSort == .oldest
            let k = oldest ? row : records.count - 1 - row
            let (count, before) = state.engine.countMatches(search, in: records, before: oldest ? k : k + 1)
            let matches = state.timelineRecord(at: row).map { state.engine.recordMatches(Int($0), search) } ?? false
            guard matches else { return MatchPosition(index: 0, count: count) }
            return MatchPosition(index: oldest ? before + 1 : count - before + 1, count: count)
        case .actors, .regions, .map:
            let actors = Set(state.engine.actorsMatching(query))
            var count = 0, index = 0
            for k in 0..<state.rowCount(pane) where rowMatches(state, pane, k, &matcher, actors, nil) {
                count += 1
                if k == row { index = count }
            }
            return MatchPosition(index: index, count: count)
        }
    }
}
