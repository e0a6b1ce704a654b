import Foundation
import Testing
import SitmonCore
import SitmonGenerate
import SitmonScreen
@testable import SitmonUI

/// 100,000 random actions through `Update.apply`, with the state's invariants checked after every one.
/// The actions come from SitmonGenerate's `SplitMix64` and its own bounded draws (`int`, `chance`, `pick`), never
/// `Int.random(in:using:)`, whose algorithm may change between toolchains: a seed gives the same run everywhere.
///
/// Settings (environment): `SITMON_PROPERTY_SEED` (default 0x5174_4D4F_4E), `SITMON_PROPERTY_STEPS` (default 100,000),
/// `SITMON_PROPERTY_RENDER_EVERY` (default 100; the state is also rendered after every resize),
/// `SITMON_PROPERTY_DETAIL_EVERY` (default 10; the detail cursor is also checked after every resize).
@Suite("Random actions")
struct PropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed =
        environment["SITMON_PROPERTY_SEED"].flatMap { UInt64($0, radix: 16) ?? UInt64($0) } ?? 0x5174_4D4F_4E
    static let steps = environment["SITMON_PROPERTY_STEPS"].flatMap { Int($0) } ?? 100_000
    static let renderEvery = max(1, environment["SITMON_PROPERTY_RENDER_EVERY"].flatMap { Int($0) } ?? 100)
    /// The detail pane's cursor is checked every this many steps (and after every resize): its row count lays out
    /// the whole detail text, which costs as much as the action itself in a debug build.
    static let detailEvery = max(1, environment["SITMON_PROPERTY_DETAIL_EVERY"].flatMap { Int($0) } ?? 10)

    // MARK: The generator

    static let characters: [Character] =
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /?-.,:;'\"é") + [
            "ï", "É", "漢", "👍🏽", "\u{1B}", "\u{07}", "\u{202E}", "e\u{301}",
        ]
    static let specialKeys: [Key] =
        [
            .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .tab, .backTab, .backspace, .delete,
            .escape,
        ] + (1...12).map { .function($0) }
    static let controlKeys: [Key] = "abcdefghijklmnopqrstuvwxyz".map { .control($0) }
    static let dateCharacters: [Character] = Array("0123456789-")
    /// Sizes at and around the layout thresholds, picked more often than uniformly random ones.
    static let interestingSizes = [
        (120, 24), (119, 24), (120, 23), (80, 20), (79, 20), (80, 19), (40, 10), (39, 10), (40, 9), (1, 1), (300, 100),
        (12, 5), (13, 6), (80, 24), (120, 40),
    ]

    struct Generator {
        var random: SplitMix64
        /// Keys queued by a macro (a whole plausible date), sent before anything else.
        var queue: [Action] = []

        mutating func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }
        mutating func chance(_ p: Double) -> Bool { random.chance(p) }
        mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }

        /// The next event for `state`, biased by what is open so dialogs get real input.
        mutating func action(for state: AppState) -> Action {
            if !queue.isEmpty { return queue.removeFirst() }
            if case .dateRange? = state.overlay, chance(0.15) {
                // A plausible date, sometimes reversed or impossible, then often Enter.
                var text = String(int(2008...2027))
                if chance(0.6) { text += "-" + String(format: "%02d", int(0...13)) }
                if chance(0.3) { text += "-" + String(format: "%02d", int(0...32)) }
                queue = [.input(.key(.control("u")))] + text.map { .input(.key(.character($0))) }
                if chance(0.6) { queue.append(.input(.key(chance(0.5) ? .enter : .tab))) }
                return queue.removeFirst()
            }
            if chance(0.01) {
                if chance(0.4) {
                    let (w, h) = pick(PropertyTests.interestingSizes)
                    return .input(.resize(width: w, height: h))
                }
                return .input(.resize(width: int(1...300), height: int(1...100)))
            }
            if chance(0.005) { return .searchTextReady }
            if chance(0.003) {
                return chance(0.5)
                    ? .exportWritten(path: "x.md", records: int(0...100))
                    : .exportFailed(message: "failed \u{1B}[2J", exists: chance(0.5))
            }
            if chance(0.08) {
                let kinds: [MouseEvent.Kind] = [.press, .press, .press, .wheelUp, .wheelDown, .release]
                return .input(
                    .mouse(
                        MouseEvent(
                            kind: pick(kinds), x: int(-2...(state.width + 1)),
                            y: int(-2...(state.height + 1)))))
            }
            let biased = chance(0.4)
            switch state.overlay {
            case .dateRange? where biased:
                return .input(.key(.character(pick(PropertyTests.dateCharacters))))
            case .picker? where biased, .search? where biased:
                if chance(0.2) { return .input(.key(pick([.enter, .escape, .down, .up] as [Key]))) }
                return .input(.key(.character(pick(Array("abcdefghijklmnopqrstuvwxyz")))))
            default:
                break
            }
            let roll = int(0...99)
            if roll < 55 { return .input(.key(.character(pick(PropertyTests.characters)))) }
            if roll < 95 { return .input(.key(pick(PropertyTests.specialKeys))) }
            return .input(.key(pick(PropertyTests.controlKeys)))
        }

        /// The runtime's answer to an effect, sometimes a failure.
        mutating func answer(_ effect: Effect) -> Action? {
            switch effect {
            case .quit:
                return nil
            case .writeExport(let request):
                let roll = int(0...3)
                if roll < 2 || request.overwrite { return .exportWritten(path: request.path, records: request.records) }
                return .exportFailed(message: "\(request.path) exists", exists: roll == 2)
            case .saveView(let name, _, let overwrite):
                let roll = int(0...3)
                if roll < 2 || overwrite { return .viewSaved(name: name) }
                return .viewSaveFailed(message: "\(name) exists", exists: roll == 2)
            case .loadView(let name):
                return int(0...1) == 0 ? .viewLoaded(name: name, SavedView()) : .viewLoadFailed(message: "unreadable")
            case .listViews:
                return .viewsListed([
                    SavedViewEntry(name: "a", view: SavedView(), saved: "2026-01-01 10:00"),
                    SavedViewEntry(name: "b", view: nil, saved: nil, problem: "unreadable"),
                ])
            case .deleteView(let name):
                return int(0...1) == 0 ? .viewDeleted(name: name) : .viewChangeFailed(message: "cannot delete")
            case .renameView(let old, let new):
                return int(0...1) == 0 ? .viewRenamed(from: old, to: new) : .viewChangeFailed(message: "exists")
            }
        }
    }

    // MARK: Invariants

    /// Problems with the state, empty when every invariant holds.
    /// `detail` includes the detail pane, whose row count means laying out its whole text (the costliest check).
    static func problems(_ state: AppState, random: inout SplitMix64, detail: Bool = true) -> [String] {
        var problems: [String] = []
        let layout = state.layout
        for pane in Pane.allCases where detail || pane != .detail {
            let count = state.rowCount(pane)
            let cursor = state.cursors[pane] ?? ListCursor()
            if count == 0 ? cursor.selection != 0 : !(0..<count).contains(cursor.selection) {
                problems.append("\(pane): selection \(cursor.selection) outside \(count) rows")
            }
            if cursor.scroll < 0 { problems.append("\(pane): negative scroll \(cursor.scroll)") }
            // Scrolling stops at the last row: no scrolling past the end that a key up would first have to undo.
            if cursor.scroll > max(0, count - layout.listHeight(pane)) {
                problems.append("\(pane): scroll \(cursor.scroll) past the end of \(count) rows")
            }
            if layout.panes[pane] != nil {
                let height = layout.listHeight(pane)
                if !(cursor.scroll <= cursor.selection && cursor.selection < cursor.scroll + height) {
                    problems.append(
                        "\(pane): selection \(cursor.selection) not visible (scroll \(cursor.scroll), height \(height))"
                    )
                }
            }
        }
        // The detail text was laid out by update for what the pane shows now, and is what laying it out gives.
        if state.detailText.key != state.detailKey { problems.append("detail text laid out for another item or width") }
        if detail, state.detailLines != DetailContent.lines(for: state, width: layout.detailWidth) {
            problems.append("detail text differs from its layout")
        }
        if state.focus == .detail, layout.mode == .narrow, layout.panes[.detail] == nil {
            problems.append("narrow layout does not show the focused pane")
        }
        // Overlays keep their own selections in range.
        switch state.overlay {
        case .picker(let picker)?:
            if picker.selection < 0 || picker.selection > max(0, picker.matches.count - 1) {
                problems.append("picker selection \(picker.selection) of \(picker.matches.count)")
            }
        case .search(let search)?:
            if search.pane == .detail { problems.append("search in the detail pane") }
        case .dateRange(let dialog)?:
            let editor = dialog.field == .since ? dialog.since : dialog.until
            if editor.cursor < 0 || editor.cursor > editor.text.count {
                problems.append("date field cursor \(editor.cursor) in “\(editor.text)”")
            }
        case .textFilter(let editor)?:
            // While f is open the view is the filter it started from with the typed text, nothing else.
            var expected = editor.origin
            expected.text = editor.query.text
            if state.filter != expected { problems.append("text filter: the view is not the typed text's") }
        default:
            break
        }
        // The view answers the filter: spot-check records against the engine's indexes.
        let filter = state.filter
        let engine = state.engine
        let store = engine.dataset.records
        let records = state.view.records
        let textSearch = engine.search(filter.text)
        if !records.isEmpty {
            for _ in 0..<3 {
                let k = random.below(records.count)
                let i = Int(records[k])
                if !filter.actors.isEmpty {
                    let family = Set(filter.actors.flatMap { engine.index.actorFamilies[Int($0)] })
                    if !store.actors(i).contains(where: family.contains) {
                        problems.append("record \(store.id(i)) has none of the filter's actors")
                    }
                }
                if !filter.regions.isEmpty {
                    let family = Set(filter.regions.flatMap { engine.index.regionFamilies[Int($0)] })
                    if !store.regions(i).contains(where: family.contains) {
                        problems.append("record \(store.id(i)) is in none of the filter's regions")
                    }
                }
                if let since = filter.since, store.lastDays[i] < since.day {
                    problems.append("record \(store.id(i)) ends before \(since)")
                }
                if let until = filter.until, store.starts[i] > until.lastDay {
                    problems.append("record \(store.id(i)) starts after \(until)")
                }
                if let textSearch, !engine.recordMatches(i, textSearch) {
                    problems.append("record \(store.id(i)) does not match the text “\(filter.text)”")
                }
                if k > 0, engine.index.dateRank[Int(records[k - 1])] >= engine.index.dateRank[i] {
                    problems.append("records out of date order at \(k)")
                }
            }
        }
        return problems
    }

    /// Problems with a rendered frame.
    static func problems(_ screen: Screen, _ state: AppState, structure: Bool) -> [String] {
        var problems: [String] = []
        if screen.width != state.width || screen.height != state.height {
            problems.append("screen \(screen.width)×\(screen.height) for a \(state.width)×\(state.height) state")
        }
        if screen.cells.count != state.width * state.height {
            problems.append("\(screen.cells.count) cells for \(state.width)×\(state.height)")
        }
        if let cursor = screen.cursor,
            !(0..<max(1, screen.width)).contains(cursor.x) || !(0..<max(1, screen.height)).contains(cursor.y)
        {
            problems.append("cursor at (\(cursor.x), \(cursor.y)) off a \(screen.width)×\(screen.height) screen")
        }
        if structure {
            problems += screen.structuralProblems().prefix(3)
            for y in 0..<screen.height where screen.displayWidth(row: y) != screen.width {
                problems.append("row \(y) takes \(screen.displayWidth(row: y)) columns")
                break
            }
        }
        return problems
    }

    static func describe(_ action: Action) -> String {
        switch action {
        case .input(.key(let key)): return "key \(key)"
        case .input(.mouse(let m)): return "mouse \(m.kind) (\(m.x), \(m.y))"
        case .input(.resize(let w, let h)): return "resize \(w)×\(h)"
        case .exportWritten(let path, let records): return "exportWritten(\(path), \(records))"
        case .exportFailed(_, let exists): return "exportFailed(exists: \(exists))"
        default: return "\(action)"
        }
    }

    // MARK: The run

    struct Coverage {
        var modes: Set<String> = []
        var overlays: Set<String> = []
        var filterChanges = 0
        var maxActors = 0, maxRegions = 0
        var dateFilters = 0
        var exports = 0
        var emptyViews = 0
        var renders = 0
        var quits = 0
        /// Steps on the map, and filter changes made there (Enter or a click on a marker).
        var mapSteps = 0, mapFilters = 0
    }

    @Test("100,000 random actions keep every invariant")
    func randomActions() throws {
        let started = ContinuousClock.now
        var state = try Fixture.state(width: 120, height: 40)
        var generator = Generator(random: SplitMix64(seed: Self.seed))
        var checker = SplitMix64(seed: Self.seed ^ 0xFFFF)
        var recent: [String] = []
        var coverage = Coverage()
        var lastFilter = state.filter

        func fail(_ step: Int, _ problems: [String]) {
            Issue.record(
                """
                step \(step) (seed \(String(Self.seed, radix: 16))): \(problems.joined(separator: "; "))
                state: \(state.width)×\(state.height), focus \(state.focus), overlay \(String(describing: state.overlay).prefix(120)), \
                filter \(state.filter.describe(in: state.dataset))
                last actions: \(recent.joined(separator: ", "))
                """)
        }

        for step in 1...Self.steps {
            let action = generator.action(for: state)
            recent.append(Self.describe(action))
            if recent.count > 25 { recent.removeFirst() }
            var pending = Update.apply(&state, action)
            // Run effects as the runtime would.
            var guardCount = 0
            while !pending.isEmpty, guardCount < 10 {
                let effect = pending.removeFirst()
                guardCount += 1
                if case .quit = effect { coverage.quits += 1 }
                if case .writeExport = effect { coverage.exports += 1 }
                if let answer = generator.answer(effect) {
                    recent.append(Self.describe(answer))
                    pending += Update.apply(&state, answer)
                }
            }
            // A quit is not the end of the state machine: the property test carries on after it.

            let isResize: Bool
            if case .input(.resize) = action { isResize = true } else { isResize = false }
            var problems = Self.problems(state, random: &checker, detail: isResize || step % Self.detailEvery == 0)
            if state.filter != lastFilter {
                coverage.filterChanges += 1
                if state.focus == .map { coverage.mapFilters += 1 }
                lastFilter = state.filter
                if state.view.records != state.engine.run(state.filter).records {
                    problems.append("view differs from engine.run(filter)")
                }
            }
            if isResize || step % Self.renderEvery == 0 {
                let screen = Renderer.render(state)
                coverage.renders += 1
                problems += Self.problems(screen, state, structure: true)
            }
            if !problems.isEmpty {
                fail(step, problems)
                return
            }
            coverage.modes.insert("\(state.layout.mode)")
            if state.focus == .map { coverage.mapSteps += 1 }
            if let overlay = state.overlay { coverage.overlays.insert(String("\(overlay)".prefix { $0 != "(" })) }
            coverage.maxActors = max(coverage.maxActors, state.filter.actors.count)
            coverage.maxRegions = max(coverage.maxRegions, state.filter.regions.count)
            if state.filter.since != nil || state.filter.until != nil { coverage.dateFilters += 1 }
            if state.view.records.isEmpty { coverage.emptyViews += 1 }
        }
        let elapsed = ContinuousClock.now - started
        print(
            """
            property run: \(Self.steps) actions, seed \(String(Self.seed, radix: 16)), \(coverage.renders) renders, \
            \(elapsed); modes \(coverage.modes.sorted()), overlays \(coverage.overlays.sorted()), \
            \(coverage.filterChanges) filter changes (up to \(coverage.maxActors) actors, \(coverage.maxRegions) regions), \
            \(coverage.dateFilters) steps with dates, \(coverage.emptyViews) with an empty view, \(coverage.exports) exports, \
            \(coverage.quits) quits, \(coverage.mapSteps) steps on the map (\(coverage.mapFilters) filter changes there)
            """)
        // The run must have explored: every layout, every overlay, real filters.
        if Self.steps >= 100_000 {
            #expect(coverage.modes.count == 4, "\(coverage.modes)")
            // help, picker, search, textFilter, dateRange, export, timelineZoom, relations, saveView, openView
            #expect(coverage.overlays.count == 10, "\(coverage.overlays)")
            #expect(coverage.filterChanges > 100)
            #expect(coverage.maxActors >= 2 && coverage.maxRegions >= 1)
            #expect(coverage.dateFilters > 0 && coverage.exports > 0 && coverage.emptyViews > 0)
            #expect(
                coverage.mapSteps > 1000 && coverage.mapFilters > 0, "map: \(coverage.mapSteps), \(coverage.mapFilters)"
            )
        }
    }

    @Test("the generator is SplitMix64: the reference sequence, and bounded draws that depend only on the seed")
    func splitMix64IsTheReferenceSequence() {
        // First outputs for seed 0 of the reference implementation (Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
        // Bounded draws are our own (Lemire's multiply-shift), so they too are fixed by the seed.
        var bounded = SplitMix64(seed: 42)
        #expect([10, 100, 1000, 7, 2].map { bounded.below($0) } == [7, 15, 278, 2, 0])
        var ranged = SplitMix64(seed: 42)
        #expect((0..<6).map { _ in ranged.int(5...15) } == [13, 6, 8, 8, 5, 14])
    }
}
