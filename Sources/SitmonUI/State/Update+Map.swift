import SitmonScreen

/// The map pane's keys and clicks.
extension Update {
    /// Arrows and h j k l move to the nearest marker in that direction; Enter is handled with the list panes.
    /// Returns false for keys the map leaves to normal mode (Tab still switches panes).
    static func handleMapKey(_ state: inout AppState, _ key: Key) -> Bool {
        let direction: MapNavigation.Direction
        switch key {
        case .left, .character("h"): direction = .left
        case .right, .character("l"): direction = .right
        case .up, .character("k"): direction = .up
        case .down, .character("j"): direction = .down
        default: return false
        }
        let from = state.cursors[.map]?.selection ?? 0
        if let next = MapNavigation.next(from: from, in: direction, markers: state.mapMarkers) {
            state.cursors[.map, default: ListCursor()].selection = next
            state.cursors[.detail] = ListCursor()
        }
        return true
    }

    /// A click on the map selects the nearest marker; a click on the selected marker toggles its region.
    static func clickMap(_ state: inout AppState, _ layout: Layout, x: Int, y: Int) {
        guard let area = layout.mapArea, area.contains(x: x, y: y) else { return }
        let projection = MapProjection(columns: area.width, rows: area.height)
        let dotX = Double((x - area.x) * 2) + 1, dotY = Double((y - area.y) * 4) + 2
        guard let k = MapNavigation.nearest(toDot: dotX, dotY, markers: state.mapMarkers, projection: projection)
        else { return }
        if k == state.cursors[.map]?.selection {
            activate(&state)
        } else {
            state.cursors[.map, default: ListCursor()].selection = k
            state.cursors[.detail] = ListCursor()
        }
    }
}
