import SitmonCore
import SitmonScreen

extension Update {
    static func handleOverlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let overlay = state.overlay else { return [] }
        switch overlay {
        case .help:
            // ↑ ↓ j k PgUp PgDn scroll a help taller than the terminal; any other key closes it
            // (q closes it rather than quitting).
            let limit = OverlayRenderer.maximumHelpScroll(state)
            switch key {
            case .down, .character("j"): state.helpScroll = min(limit, state.helpScroll + 1)
            case .up, .character("k"): state.helpScroll = max(0, min(limit, state.helpScroll) - 1)
            case .pageDown, .character(" "): state.helpScroll = min(limit, state.helpScroll + 10)
            case .pageUp: state.helpScroll = max(0, min(limit, state.helpScroll) - 10)
            default:
                state.overlay = nil
                state.helpScroll = 0
            }
            return []
        case .picker(var picker):
            return handlePicker(&state, &picker, key)
        case .search(var search):
            handleSearch(&state, &search, key)
            return []
        case .textFilter(var editor):
            handleTextFilter(&state, &editor, key)
            return []
        case .dateRange(var dialog):
            handleDateRange(&state, &dialog, key)
            return []
        case .export(var dialog):
            return handleExport(&state, &dialog, key)
        case .timelineZoom(var zoomState):
            handleTimelineZoom(&state, &zoomState, key)
            return []
        case .relations(var relations):
            handleRelations(&state, &relations, key)
            return []
        case .saveView(var dialog):
            return handleSaveView(&state, &dialog, key)
        case .openView(var list):
            return handleViewList(&state, &list, key)
        }
    }

    // MARK: Picker

    static func openPicker(_ state: inout AppState, _ kind: PickerState.Kind) {
        var picker = PickerState(kind: kind)
        refreshPicker(&picker, state)
        state.overlay = .picker(picker)
    }

    static func refreshPicker(_ picker: inout PickerState, _ state: AppState) {
        let names = picker.kind == .actor ? state.engine.index.actorNames : state.engine.index.regionNames
        let query = TextFolding.fold(picker.query.text.trimmingSpaces)
        if query.isEmpty {
            // Every name, in the index's name order (sorted once per dataset).
            let order = picker.kind == .actor ? state.engine.index.actorsByName : state.engine.index.regionsByName
            picker.matches = order.filter { !names[Int($0)].isEmpty }
        } else {
            var scored: [(Int, Int32)] = []
            for (k, list) in names.enumerated() {
                var best: Int?
                for name in list {
                    if let score = FuzzyScore.score(query, name), score > best ?? Int.min { best = score }
                }
                if let best { scored.append((best, Int32(k))) }
            }
            picker.matches = scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
        }
        picker.selection = min(picker.selection, max(0, picker.matches.count - 1))
    }

    static func handlePicker(_ state: inout AppState, _ picker: inout PickerState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            if picker.selection < picker.matches.count {
                let item = picker.matches[picker.selection]
                var filter = state.filter
                if picker.kind == .actor {
                    filter.toggle(actor: item)
                    let name = state.dataset.actorLabel(item)
                    state.message = StatusMessage(filter.actors.contains(item) ? "Filter: + actor \(name)" : "Filter: − actor \(name)")
                } else {
                    filter.toggle(region: item)
                    let name = state.dataset.regionLabel(item)
                    state.message = StatusMessage(filter.regions.contains(item) ? "Filter: + region \(name)" : "Filter: − region \(name)")
                }
                state.apply(filter)
                // The list pane follows the pick, so the next Enter or R acts on what was just chosen.
                if picker.kind == .actor {
                    if let k = state.actorRows.firstIndex(of: item) { state.cursors[.actors, default: ListCursor()].selection = k }
                } else {
                    if let k = state.regionRows.firstIndex(where: { $0.region == item }) {
                        state.cursors[.regions, default: ListCursor()].selection = k
                    }
                    if let k = state.mapMarkers.firstIndex(where: { $0.region == item }) {
                        state.cursors[.map, default: ListCursor()].selection = k
                    }
                }
                if state.focus == .detail || state.focus == (picker.kind == .actor ? .actors : .regions)
                    || (picker.kind == .region && state.focus == .map) {
                    state.cursors[.detail] = ListCursor()
                }
            }
            state.overlay = nil
            return []
        case .down, .control("n"), .tab:
            picker.selection = min(picker.selection + 1, max(0, picker.matches.count - 1))
        case .up, .control("p"), .backTab:
            picker.selection = max(0, picker.selection - 1)
        case .pageDown:
            picker.selection = min(picker.selection + 10, max(0, picker.matches.count - 1))
        case .pageUp:
            picker.selection = max(0, picker.selection - 10)
        default:
            if picker.query.handle(key) {
                picker.selection = 0
                refreshPicker(&picker, state)
            }
        }
        state.overlay = .picker(picker)
        return []
    }

    // MARK: Search

    /// True when row `row` of `pane` matches the folded query.
    static func rowMatches(_ state: AppState, _ pane: Pane, _ row: Int, _ matcher: inout TextMatcher,
                           _ matchingActors: Set<Int32>, _ search: RecordSearch?) -> Bool {
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

    /// Rows a search tests one by one while the records' text is not folded yet: about 10 ms at 2 µs a row.
    static let rowsTestedBeforeTheFold = 5_000

    /// The first row from `start` (wrapping) whose content matches `query`, searching forward or backward.
    static func findRow(_ state: AppState, _ pane: Pane, _ query: String, from start: Int, forward: Bool,
                        prepared: RecordSearch? = nil) -> Int? {
        var matcher = TextMatcher(query)
        guard !matcher.isEmpty else { return nil }
        let count = state.rowCount(pane)
        guard count > 0 else { return nil }
        let actors = Set(state.engine.actorsMatching(query))
        // Records: what matches is worked out once for the query (folded text, narrowed as the query grows). Until
        // the text is folded (the monitor does it on the second core in the first ≈ 0.6 s at a million records),
        // the first rows from the cursor are tested one by one instead, so a keystroke whose match is near does
        // not wait for the fold; past them, the search waits for it. Both ways find the same rows (SearchIndexTests).
        let records = pane == .timeline || pane == .detail
        var search = records && state.engine.isSearchPrepared ? prepared ?? state.engine.search(query) : nil
        for step in 0..<count {
            if records && search == nil && step == rowsTestedBeforeTheFold {
                search = state.engine.search(query)
            }
            let row = forward ? (start + step) % count : ((start - step) % count + count) % count
            if rowMatches(state, pane, row, &matcher, actors, search) { return row }
        }
        return nil
    }

    static func handleSearch(_ state: inout AppState, _ search: inout SearchState, _ key: Key) {
        switch key {
        case .escape:
            state.cursors[search.pane, default: ListCursor()].selection = search.origin
            state.overlay = nil
            state.searchHighlight = nil
            return
        case .enter:
            state.lastSearch = search.query.text
            state.overlay = nil
            if search.failed {
                state.message = StatusMessage("Not found: \(search.query.text)", kind: .error)
                state.searchHighlight = nil
            } else {
                let position = search.position.map { ": " + $0.text } ?? ""
                state.message = StatusMessage("Search: \(search.query.text)\(position) (n next, N previous, Esc unmarks)")
            }
            return
        default:
            guard search.query.handle(key) else { break }
            // What matches is worked out once for the keystroke, for finding the row and for counting.
            let records = search.pane == .timeline || search.pane == .detail
            let prepared = records && state.engine.isSearchPrepared ? state.engine.search(search.query.text) : nil
            if let row = findRow(state, search.pane, search.query.text, from: search.origin, forward: true,
                                 prepared: prepared) {
                state.cursors[search.pane, default: ListCursor()].selection = row
                search.failed = false
            } else {
                search.failed = !search.query.text.isEmpty
                state.cursors[search.pane, default: ListCursor()].selection = search.origin
            }
            let needle = TextFolding.fold(search.query.text.trimmingSpaces)
            state.searchHighlight = needle.isEmpty || search.failed ? nil : SearchHighlight(pane: search.pane, needle: needle)
            search.position = search.failed ? nil
                : matchPosition(state, search.pane, search.query.text, row: state.cursors[search.pane]?.selection ?? 0,
                                prepared: prepared)
        }
        state.overlay = .search(search)
    }

    /// Where `row` is among the rows of `pane` matching `query` ("3 of 17"), or nil when the query is empty, or
    /// when the pane is the timeline and the records' text is not folded yet (counting would wait for the fold).
    static func matchPosition(_ state: AppState, _ pane: Pane, _ query: String, row: Int,
                              prepared: RecordSearch? = nil) -> MatchPosition? {
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

    static func searchAgain(_ state: inout AppState, forward: Bool) {
        guard !state.lastSearch.isEmpty else {
            state.message = StatusMessage("No search yet: press / to search")
            return
        }
        let pane = state.focus == .detail ? state.detailSource : state.focus
        let current = state.cursors[pane]?.selection ?? 0
        let count = state.rowCount(pane)
        guard count > 0 else { return }
        let records = pane == .timeline || pane == .detail
        let prepared = records && state.engine.isSearchPrepared ? state.engine.search(state.lastSearch) : nil
        if let row = findRow(state, pane, state.lastSearch, from: forward ? (current + 1) % count : current - 1 + count,
                             forward: forward, prepared: prepared) {
            state.cursors[pane, default: ListCursor()].selection = row
            let position = matchPosition(state, pane, state.lastSearch, row: row, prepared: prepared)
                .map { ": " + $0.text } ?? ""
            state.message = StatusMessage("Search: \(state.lastSearch)\(position)" + (row == current ? " (only match)" : ""))
            let needle = TextFolding.fold(state.lastSearch.trimmingSpaces)
            state.searchHighlight = needle.isEmpty ? nil : SearchHighlight(pane: pane, needle: needle)
        } else {
            state.message = StatusMessage("Not found: \(state.lastSearch)", kind: .error)
        }
    }

    // MARK: Text filter

    /// `f`: each edit runs the filter with the new text (no undo step yet); Enter keeps it as one undo step from the
    /// filter before `f`, Esc goes back to that filter.
    static func handleTextFilter(_ state: inout AppState, _ editor: inout TextFilterState, _ key: Key) {
        switch key {
        case .escape:
            state.apply(editor.origin, recordHistory: false)
            state.overlay = nil
            state.message = StatusMessage("Text filter cancelled")
            return
        case .enter:
            let kept = state.filter
            state.overlay = nil
            guard kept != editor.origin else {
                state.message = StatusMessage(kept.text.trimmingSpaces.isEmpty ? "No text filter" : "Text filter unchanged")
                return
            }
            // Back to the origin without a step, then forward with one: u returns to the filter before f.
            // Both views are among the engine's recent ones, so neither is computed again.
            state.apply(editor.origin, recordHistory: false)
            state.apply(kept)
            let text = kept.text.trimmingSpaces
            let count = state.view.records.count
            state.message = StatusMessage(text.isEmpty ? "Text filter removed (u to undo)"
                : "Filter: text “\(text)”: \(count) record\(count == 1 ? "" : "s") (u to undo)")
            return
        default:
            guard editor.query.handle(key) else { break }
            var filter = editor.origin
            filter.text = editor.query.text
            state.apply(filter, recordHistory: false)
        }
        state.overlay = .textFilter(editor)
    }

    // MARK: Date range

    static func handleDateRange(_ state: inout AppState, _ dialog: inout DateRangeState, _ key: Key) {
        switch key {
        case .escape:
            state.overlay = nil
            return
        case .tab, .backTab, .down, .up:
            dialog.field = 1 - dialog.field
        case .enter:
            let sinceText = dialog.since.text.trimmingSpaces, untilText = dialog.until.text.trimmingSpaces
            let since = sinceText.isEmpty ? nil : PartialDate(iso: sinceText)
            let until = untilText.isEmpty ? nil : PartialDate(iso: untilText)
            if !sinceText.isEmpty && since == nil {
                dialog.error = "“\(sinceText)” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            } else if !untilText.isEmpty && until == nil {
                dialog.error = "“\(untilText)” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            } else if let s = since, let u = until, u.lastDay < s.day {
                dialog.error = "the end is before the start"
            } else {
                var filter = state.filter
                filter.since = since
                filter.until = until
                state.apply(filter)
                state.overlay = nil
                state.message = StatusMessage(since == nil && until == nil ? "Date range cleared"
                    : "Dates: \(since?.description ?? "…") – \(until?.description ?? "…")")
                return
            }
        default:
            if dialog.field == 0 { _ = dialog.since.handle(key) } else { _ = dialog.until.handle(key) }
            dialog.error = nil
        }
        state.overlay = .dateRange(dialog)
    }

    // MARK: Export

    static func handleExport(_ state: inout AppState, _ dialog: inout ExportDialogState, _ key: Key) -> [Effect] {
        if dialog.confirmOverwrite {
            switch key {
            case .character("y"), .character("Y"):
                dialog.confirmOverwrite = false
                state.overlay = .export(dialog)
                return [exportEffect(state, dialog, overwrite: true)]
            default:
                dialog.confirmOverwrite = false
                if key == .escape {
                    state.overlay = nil
                    state.message = StatusMessage("Export cancelled")
                    return []
                }
            }
            state.overlay = .export(dialog)
            return []
        }
        switch key {
        case .escape:
            state.overlay = nil
            state.message = StatusMessage("Export cancelled")
            return []
        case .tab, .backTab, .up, .down:
            let all = ExportFormat.allCases
            let k = all.firstIndex(of: dialog.format) ?? 0
            let next = all[(k + (key == .tab || key == .down ? 1 : all.count - 1)) % all.count]
            let oldDefault = Exporter.defaultFileName(state.view, state.dataset, dialog.format)
            if dialog.fileName.text == oldDefault {
                dialog.fileName = LineEditor(Exporter.defaultFileName(state.view, state.dataset, next))
            } else if dialog.fileName.text.hasSuffix("." + dialog.format.fileExtension) {
                dialog.fileName = LineEditor(String(dialog.fileName.text.dropLast(dialog.format.fileExtension.count))
                    + next.fileExtension)
            }
            dialog.format = next
            dialog.error = nil
        case .enter:
            if dialog.fileName.text.trimmingSpaces.isEmpty {
                dialog.error = "a file name is needed"
            } else {
                dialog.error = nil
                state.overlay = .export(dialog)
                return [exportEffect(state, dialog, overwrite: false)]
            }
        default:
            _ = dialog.fileName.handle(key)
            dialog.error = nil
        }
        state.overlay = .export(dialog)
        return []
    }

    static func exportEffect(_ state: AppState, _ dialog: ExportDialogState, overwrite: Bool) -> Effect {
        let name = expandingTilde(dialog.fileName.text.trimmingSpaces, home: state.homeDirectory)
        let path = name.hasPrefix("/") || state.exportDirectory == "." ? name : state.exportDirectory + "/" + name
        let bytes = Exporter.export(state.view, of: state.engine, as: dialog.format)
        return .writeExport(path: path, bytes: bytes, overwrite: overwrite, records: state.view.records.count)
    }

    /// `~` and `~/…` typed into a path mean the home directory (as in a shell); other text is left as it is.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        let base = home.hasSuffix("/") && home.count > 1 ? String(home.dropLast()) : home
        return base + path.dropFirst()
    }
}
