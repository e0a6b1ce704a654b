import SitmonCore
import SitmonScreen

extension Update {
    /// `z`: opens the zoomable timeline on the view without its date range.
    static func openTimelineZoom(_ state: inout AppState) {
        var undated = state.filter
        undated.since = nil
        undated.until = nil
        let records = undated == state.filter ? state.view.records : state.engine.run(undated).records
        let store = state.dataset.records
        let focusDay = state.selectedRecord.map { store.date(Int($0)).day }
        var zoomState = TimelineZoomState(records: records, store: store, zoom: .month, since: state.filter.since,
                                          until: state.filter.until, focusDay: focusDay)
        // Two decades and more read better a year a column.
        if zoomState.histogram.buckets.count > 240 { zoomState.setZoom(.year, store: store) }
        keepVisible(&zoomState, state)
        state.overlay = .timelineZoom(zoomState)
    }

    static func keepVisible(_ zoomState: inout TimelineZoomState, _ state: AppState) {
        let rect = TimelineZoomRenderer.frame(width: state.width, height: state.height)
        let visible = TimelineZoomRenderer.columns(boxWidth: rect.width, buckets: zoomState.histogram.buckets.count).visible
        zoomState.keepCursorVisible(visible: visible)
    }

    static func handleTimelineZoom(_ state: inout AppState, _ zoomState: inout TimelineZoomState, _ key: Key) {
        let store = state.dataset.records
        let rect = TimelineZoomRenderer.frame(width: state.width, height: state.height)
        let page = TimelineZoomRenderer.columns(boxWidth: rect.width, buckets: zoomState.histogram.buckets.count).visible
        switch key {
        case .escape, .character("q"):
            state.overlay = nil
            return
        case .left, .character("h"): zoomState.move(by: -1)
        case .right, .character("l"): zoomState.move(by: 1)
        case .pageUp, .character("H"): zoomState.move(by: -page)
        case .pageDown, .character("L"): zoomState.move(by: page)
        case .home, .character("g"): zoomState.move(by: -Int.max / 2)
        case .end, .character("G"): zoomState.move(by: Int.max / 2)
        case .character("+"), .character("="), .character("z"):
            if let finer = DateHistogram.Zoom(rawValue: zoomState.zoom.rawValue + 1) {
                zoomState.setZoom(finer, store: store)
            }
        case .character("-"), .character("Z"):
            if let coarser = DateHistogram.Zoom(rawValue: zoomState.zoom.rawValue - 1) {
                zoomState.setZoom(coarser, store: store)
            }
        case .character(" "):
            zoomState.anchor = zoomState.anchor == nil ? zoomState.cursor : nil
        case .character("c"):
            // Clears the date filter and stays open (Esc or q then closes, as documented), with the brush dropped.
            var filter = state.filter
            zoomState.anchor = nil
            if filter.since == nil && filter.until == nil {
                state.message = StatusMessage("No date range to clear")
            } else {
                filter.since = nil
                filter.until = nil
                state.apply(filter)
                state.message = StatusMessage("Date range cleared (u to undo)")
            }
        case .enter:
            let buckets = zoomState.histogram.buckets
            state.overlay = nil
            guard !buckets.isEmpty else { return }
            let range = zoomState.selectedRange
            let zoom = zoomState.zoom
            var filter = state.filter
            filter.since = buckets[range.lowerBound].since(zoom)
            filter.until = buckets[range.upperBound].until(zoom)
            state.apply(filter)
            let since = filter.since?.description ?? "…", until = filter.until?.description ?? "…"
            state.message = StatusMessage("Dates: \(since) – \(until) (u to undo)")
            return
        default:
            break
        }
        keepVisible(&zoomState, state)
        state.overlay = .timelineZoom(zoomState)
    }
}
