import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// Golden screens: `Renderer.render(state).text` compared with `Golden/NAME-WxH.txt`, and for a few chosen
/// screens their styles too (`StyleGrid`) in `Golden/NAME-WxH[-no-color].styles.txt`: the focused border, the
/// focused and unfocused selections, the header and chips, and the NO_COLOR rendering of the same screen.
/// Below 40×10 every screen is the same "terminal too small" notice: one golden holds it, and `tooSmall` checks
/// that every scene shows it.
///
/// `SITMON_UPDATE_GOLDEN=1 swift test --filter RenderGoldenTests` rewrites the files in the source tree
/// (found through `#filePath`, never the bundle copy); read the diff before committing it.
@Suite("Golden screens")
struct RenderGoldenTests {
    enum Scene: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case initial, filtered, help, export, zoom, relations, longFilter, savedViews

        var testDescription: String { rawValue }

        /// Drives a fresh state to the scene through `Update.apply`, at the size of the golden.
        func state(width: Int, height: Int) throws -> AppState {
            var state = try Fixture.state(width: width, height: height, mouseEnabled: false)
            switch self {
            case .initial:
                break
            case .filtered:
                state.pickJNIMThenMopti()
            case .help:
                state.press(.character("?"))
            case .export:
                state.press(.character("e"))
            case .zoom:
                // The zoomable timeline per year, a brush from 2019 to 2021.
                state.press(
                    .character("z"), .character("-"), .end, .left, .left, .left, .left, .character(" "),
                    .right, .right)
            case .relations:
                state.press(.character("1"), .home)
                let jnim = try Fixture.actor("jnim")
                if let row = state.actorRows.firstIndex(of: jnim) {
                    for _ in 0..<row { state.press(.down) }
                }
                state.press(.character("R"))
            case .longFilter:
                // Four actors, three regions and a date range: a summary on the filter line when the chips do not fit.
                let actors = Array(state.dataset.actors.indices.prefix(4)).map { Int32($0) }
                let regions = try ["bamako", "mopti", "segou"].map { try Fixture.region($0) }
                state.runFilter(
                    Filter(
                        actors: actors, regions: regions, since: PartialDate(iso: "2017"),
                        until: PartialDate(iso: "2024")))
                state.message = nil
            case .savedViews:
                // The W list with each view's filter and date.
                state.savedViewNames = ["jnim centre", "north"]
                state.currentViewName = "north"
                state.press(.character("W"))
                var jnim = SavedView()
                jnim.filter.actors = ["jnim"]
                jnim.filter.regions = ["mopti", "segou"]
                jnim.filter.since = "2020"
                var north = SavedView()
                north.filter.regions = ["kidal"]
                _ = Update.apply(
                    &state,
                    .viewsListed([
                        SavedViewEntry(name: "jnim centre", view: jnim, saved: "2026-12-01 09:30"),
                        SavedViewEntry(name: "north", view: north, saved: "2026-12-05 17:05"),
                    ]))
            }
            return state
        }
    }

    struct Size: CustomTestStringConvertible, Sendable {
        var width: Int
        var height: Int
        var testDescription: String { "\(width)x\(height)" }
    }

    /// The sizes whose frames differ from scene to scene (the three layouts: wide, medium, narrow).
    static let sizes = [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 50, height: 15)]

    static var updating: Bool { ProcessInfo.processInfo.environment["SITMON_UPDATE_GOLDEN"] == "1" }

    @Test("golden screen", arguments: Scene.allCases, sizes)
    func golden(scene: Scene, size: Size) throws {
        let state = try scene.state(width: size.width, height: size.height)
        let screen = Renderer.render(state)
        #expect(screen.width == size.width && screen.height == size.height)
        #expect(screen.cells.count == size.width * size.height)
        #expect(screen.structuralProblems().isEmpty, "\(screen.structuralProblems().prefix(5))")
        for y in 0..<screen.height {
            #expect(screen.displayWidth(row: y) == size.width, "row \(y) takes \(screen.displayWidth(row: y)) columns")
        }
        try Golden.check(screen.text, name: "\(scene.rawValue)-\(size.width)x\(size.height)")
    }

    /// Below the smallest layout every scene shows the same notice (`initial-30x8` is its golden): at the
    /// boundaries, at 30×8 and at 1×1, where only its first letter fits.
    @Test(
        "too small: every scene shows the same notice",
        arguments: [
            Size(width: 39, height: 10), Size(width: 40, height: 9), Size(width: 30, height: 8),
            Size(width: 1, height: 1),
        ])
    func tooSmall(size: Size) throws {
        let notice = Renderer.render(try Scene.initial.state(width: size.width, height: size.height))
        #expect(notice.text.contains(size.width >= 20 ? "terminal too small" : "t"), "\(notice.text)")
        #expect(!notice.text.contains("Filter:"), "\(notice.text)")
        for scene in Scene.allCases {
            let screen = Renderer.render(try scene.state(width: size.width, height: size.height))
            #expect(screen.text == notice.text, "\(scene.rawValue) at \(size.testDescription): \(screen.text)")
        }
        if size.width == 30 && size.height == 8 { try Golden.check(notice.text, name: "initial-30x8") }
    }

    /// The screens whose styles are recorded, and whether as the terminal draws them under NO_COLOR.
    struct StyledGolden: CustomTestStringConvertible, Sendable {
        var scene: Scene
        var size: Size
        var noColor = false
        var name: String { "\(scene.rawValue)-\(size.testDescription)\(noColor ? "-no-color" : "").styles" }
        var testDescription: String { name }
    }

    static let styledGoldens = [
        // The focused border (Timeline), focused and unfocused selections, header, footer keys.
        StyledGolden(scene: .initial, size: Size(width: 120, height: 40)),
        // The filter's chips.
        StyledGolden(scene: .filtered, size: Size(width: 80, height: 24)),
        // An overlay over the panes.
        StyledGolden(scene: .help, size: Size(width: 80, height: 24)),
        // NO_COLOR: colours dropped, a background becomes reverse video (Style.withoutColors, as StylePalette does).
        StyledGolden(scene: .initial, size: Size(width: 80, height: 24), noColor: true),
    ]

    @Test("golden styles", arguments: styledGoldens)
    func goldenStyles(_ golden: StyledGolden) throws {
        let state = try golden.scene.state(width: golden.size.width, height: golden.size.height)
        let screen = Renderer.render(state)
        let styles =
            golden.noColor
            ? StyleGrid.describe(screen, theme: Theme.mono, transform: \.withoutColors)
            : StyleGrid.describe(screen, theme: state.theme)
        try Golden.check(styles, name: golden.name)
    }

    /// What the style goldens rest on, checked directly so that a rewritten golden cannot hide it: the focused
    /// pane's border and selection use the focused styles, the other panes' the plain ones; under NO_COLOR the
    /// focused selection stays distinct (reverse and bold) from an unfocused one (reverse).
    @Test func focusAndSelectionStyles() throws {
        let state = try Scene.initial.state(width: 120, height: 40)
        let screen = Renderer.render(state)
        let theme = state.theme
        let cells = (0..<screen.height).flatMap { y in (0..<screen.width).map { screen[$0, y] } }
        #expect(cells.contains { $0.style == theme.focusedBorder && $0.text == "─" }, "no focused border")
        #expect(cells.contains { $0.style == theme.border && $0.text == "─" }, "no unfocused border")
        #expect(cells.contains { $0.style == theme.focusedSelection }, "no focused selection")
        #expect(cells.contains { $0.style == theme.selection }, "no unfocused selection")
        #expect(theme.focusedSelection.withoutColors != theme.selection.withoutColors)
        #expect(theme.focusedSelection.withoutColors.reverse && theme.focusedSelection.withoutColors.bold)
    }

    /// The map at three sizes (wide, medium with the map in the regions' slot, narrow on the map tab): focused on
    /// Mopti, then with Mopti added to the filter by Enter.
    enum MapScene: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case map, mapFiltered = "map-filtered"

        var testDescription: String { rawValue }

        func state(width: Int, height: Int) throws -> AppState {
            var state = try Fixture.state(width: width, height: height, mouseEnabled: false)
            state.press(.character("5"))
            let mopti = try Fixture.region("mopti")
            let k = try #require(state.mapMarkers.firstIndex { $0.region == mopti })
            state.cursors[.map]?.selection = k
            if self == .mapFiltered { state.press(.enter) }
            return state
        }
    }

    static let mapSizes = [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 50, height: 15)]

    @Test("golden map", arguments: MapScene.allCases, mapSizes)
    func goldenMap(scene: MapScene, size: Size) throws {
        let state = try scene.state(width: size.width, height: size.height)
        let screen = Renderer.render(state)
        #expect(screen.structuralProblems().isEmpty, "\(screen.structuralProblems().prefix(5))")
        for y in 0..<screen.height {
            #expect(screen.displayWidth(row: y) == size.width, "row \(y) takes \(screen.displayWidth(row: y)) columns")
        }
        // The map is on screen, titled with the selected region, at every size.
        #expect(screen.text.contains("5 Map · Mopti"))
        if scene == .mapFiltered { #expect(screen.lines()[1].contains("[region: Mopti]")) }
        try Golden.check(screen.text, name: "\(scene.rawValue)-\(size.width)x\(size.height)")
    }

    /// The filtered scene really is the JNIM and Mopti filter (so its goldens show what they claim).
    @Test func filteredSceneFilter() throws {
        let state = try Scene.filtered.state(width: 120, height: 40)
        #expect(state.filter.actors == [try Fixture.actor("jnim")])
        #expect(state.filter.regions == [try Fixture.region("mopti")])
        #expect(state.overlay == nil)
    }

    /// Accented names come out whole at every size where their pane is shown.
    @Test func accentedNamesIntact() throws {
        let state = try Fixture.state(width: 120, height: 40)
        let text = Renderer.render(state).text
        for name in ["Assimi Goïta", "Ségou", "Ménaka", "Taoudénit"] {
            #expect(text.contains(name), "\(name) missing from the initial 120×40 screen")
        }
        // No decomposed accents or replacement characters sneak in.
        #expect(!text.unicodeScalars.contains { $0.value == 0xFFFD || (0x300...0x36F).contains($0.value) })
    }
}

extension RenderGoldenTests {
    /// The help lists every key with its whole description (docs/keys.md says the same), at the usual sizes:
    /// long descriptions wrap at word boundaries, and a help taller than the screen is read by scrolling with ↓.
    @Test(arguments: [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 50, height: 15)])
    func helpShowsEveryKeyInFull(size: Size) throws {
        var state = try Scene.help.state(width: size.width, height: size.height)
        var first = try #require(HelpBox(Renderer.render(state)), "no help box at \(size.testDescription)")
        #expect(first.width <= 104, "the help box is at most 104 columns")
        var lines = first.lines
        let fits = first.footer == "Press any key to close."
        if !fits {
            // "↑ ↓ scroll · any other key closes (N/M)": scroll one line at a time to the end.
            var position = try #require(first.position, "footer “\(first.footer)”")
            #expect(first.footer.hasPrefix("↑ ↓ scroll · any other key closes ("))
            #expect(position.shown == lines.count)
            while position.shown < position.total {
                state.press(.down)
                first = try #require(HelpBox(Renderer.render(state)))
                let next = try #require(first.position)
                try #require(next.shown == position.shown + 1, "↓ scrolls by one line")
                lines.append(try #require(first.lines.last))
                position = next
            }
            #expect(lines.count == position.total)
        }
        for section in KeyHelp.sections(for: .defaults) {
            #expect(lines.contains(section.title), "section \(section.title)")
            for (key, action) in section.keys {
                let shown = HelpBox.description(of: key, in: lines)
                #expect(shown == action, "\(key): “\(action)” not shown whole at \(size.testDescription)")
            }
        }
        let titles = Set(KeyHelp.sections(for: .defaults).map(\.title))
        let notes = lines.filter { !$0.hasPrefix(" ") && !titles.contains($0) }
        #expect(
            notes.joined(separator: " ")
                == "Filters: several actors (or regions) are OR; actors, regions, dates and text together are AND.")
        #expect(fits == (size.height >= 40), "the whole help fits only the largest screen")
    }

    /// The help box found on a rendered screen: its content lines (without the one-column margin, trailing
    /// spaces removed) and its footer.
    struct HelpBox {
        var width: Int
        var lines: [String]
        var footer: String

        init?(_ screen: Screen) {
            let rows = (0..<screen.height).map { y in (0..<screen.width).map { screen[$0, y].text } }
            let title = Array("┌─ Help — sitmon keys").map(String.init)
            guard
                let (x0, y0) = rows.enumerated().lazy.compactMap({ (y, row) -> (Int, Int)? in
                    guard row.count >= title.count else { return nil }
                    return (0...(row.count - title.count)).first { Array(row[$0..<($0 + title.count)]) == title }.map {
                        ($0, y)
                    }
                }).first,
                let x1 = rows[y0][x0...].firstIndex(of: "┐"),
                let y1 = (y0 + 1..<screen.height).first(where: { rows[$0][x0] == "└" }),
                y1 - y0 >= 2
            else { return nil }
            func text(_ y: Int) -> String {
                var line = rows[y][(x0 + 2)..<x1].joined()
                while line.last == " " { line.removeLast() }
                return line
            }
            width = x1 - x0 + 1
            lines = (y0 + 1..<y1 - 1).map(text)
            footer = text(y1 - 1)
        }

        /// "(N/M)" at the end of a scrolling footer.
        var position: (shown: Int, total: Int)? {
            guard let m = footer.firstMatch(of: /\((\d+)\/(\d+)\)$/), let n = Int(m.output.1), let t = Int(m.output.2)
            else {
                return nil
            }
            return (n, t)
        }

        /// The description beside `key`, its wrapped lines joined with single spaces.
        static func description(of key: String, in lines: [String]) -> String? {
            guard let k = lines.firstIndex(where: { $0.hasPrefix("  " + key + " ") }) else { return nil }
            let afterKey = lines[k].dropFirst(2 + key.count)
            let column = lines[k].count - afterKey.drop { $0 == " " }.count
            var parts = [String(lines[k].dropFirst(column))]
            for line in lines[(k + 1)...] {
                let indent = line.prefix { $0 == " " }.count
                guard indent == column, line.count > column else { break }
                parts.append(String(line.dropFirst(column)))
            }
            return parts.joined(separator: " ")
        }
    }
}

/// Reading, comparing and rewriting golden files.
enum Golden {
    static func url(_ name: String) -> URL { Fixture.goldenDirectory.appendingPathComponent(name + ".txt") }

    /// Compares `actual` with the golden `name`, or rewrites it when SITMON_UPDATE_GOLDEN=1.
    /// The file holds the text and a final newline.
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url(name)
        if RenderGoldenTests.updating {
            try FileManager.default.createDirectory(at: Fixture.goldenDirectory, withIntermediateDirectories: true)
            try (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let stored = (try? String(contentsOf: file, encoding: .utf8)) ?? bundled(name) else {
            Issue.record(
                "golden \(name).txt is missing; run with SITMON_UPDATE_GOLDEN=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = stored.hasSuffix("\n") ? String(stored.dropLast()) : stored
        if let diff = firstDifference(expected: expected, actual: actual) {
            Issue.record(
                """
                golden \(name).txt differs (SITMON_UPDATE_GOLDEN=1 rewrites it)
                \(diff)
                --- actual screen ---
                \(actual)
                """, sourceLocation: sourceLocation)
        }
    }

    /// The bundle copy, when the source tree is not there.
    static func bundled(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden") else {
            return nil
        }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// A readable description of the first differing line, or nil when equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for k in 0..<max(e.count, a.count) {
            let el = k < e.count ? String(e[k]) : "<no line>"
            let al = k < a.count ? String(a[k]) : "<no line>"
            if el != al {
                let column = zip(el, al).prefix { $0 == $1 }.count
                return """
                    first difference at line \(k + 1), column \(column + 1):
                      expected: \(el)
                      actual:   \(al)
                    """
            }
        }
        return "the texts differ in line endings (\(e.count) vs \(a.count) lines)"
    }
}
