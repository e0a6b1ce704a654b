import SitmonCore
import SitmonScreen

/// The map pane: Mali's outline in braille, the neighbours' borders and names, the view's located records as dots,
/// and a marker per region sized and shaded by its activity in the view, with names where they fit.
enum MapPane {
    /// Canvas layers, lowest first: a cell takes the style of the highest layer drawn into it.
    static let neighbourLayer: UInt8 = 1
    static let outlineLayer: UInt8 = 2
    static let recordLayer: UInt8 = 3

    /// The glyph and style of a marker: ○ no record in the view, • some, ● the busiest third.
    static func marker(records: Int, busiest: Int, _ theme: Theme) -> (glyph: String, style: Style) {
        if records <= 0 { return ("○", theme.mapMarkerQuiet) }
        if records * 3 > busiest * 2 { return ("●", theme.mapMarkerHot) }
        return ("•", theme.mapMarker)
    }

    /// The map width (in cells) from which the neighbours' borders are drawn.
    static let neighbourBordersMinimumWidth = 90

    static func draw(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        guard let area = layout.mapArea, let rect = layout.panes[.map] else { return }
        let projection = MapProjection(columns: area.width, rows: area.height)
        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        // The neighbours' own borders only where there is room for them: on a smaller map they crowd Mali's outline
        // into an unreadable tangle, and the neighbours' names already say who is across the border.
        if area.width >= neighbourBordersMinimumWidth {
            for country in MapOutline.neighbours {
                for line in country.lines { polyline(&canvas, line, projection, layer: neighbourLayer) }
            }
        }
        for ring in MapOutline.mali { polyline(&canvas, ring, projection, layer: outlineLayer) }
        for bin in state.mapDensity.bins {
            if let dot = projection.dot(longitude: bin.longitude, latitude: bin.latitude) {
                canvas.set(x: dot.x, y: dot.y, layer: recordLayer)
            }
        }
        canvas.draw(on: &screen, x: area.x, y: area.y) { layer in
            switch layer {
            case recordLayer: state.theme.mapIncident
            case outlineLayer: state.theme.mapOutline
            default: state.theme.mapNeighbour
            }
        }
        var taken = Occupancy(area: area)
        drawMarkers(&screen, state, projection, area, &taken)
        drawNeighbourNames(&screen, canvas, projection, area, &taken, state.theme)
        if Layout.mapHasLegend(rect.inner) { drawLegend(&screen, state, rect.inner) }
    }

    static func polyline(_ canvas: inout BrailleCanvas, _ line: [Float], _ projection: MapProjection, layer: UInt8) {
        var previous: (x: Double, y: Double)?
        var k = 0
        while k + 1 < line.count {
            let p = projection.point(longitude: Double(line[k]), latitude: Double(line[k + 1]))
            if let previous { canvas.line(from: previous, to: p, layer: layer) }
            previous = p
            k += 2
        }
    }

    /// Markers, most important first (the selected one, those in the filter, then by activity), each with its
    /// name and count to the right or left when the cells are free.
    static func drawMarkers(
        _ screen: inout Screen, _ state: AppState, _ projection: MapProjection, _ area: Rect,
        _ taken: inout Occupancy
    ) {
        var activity: [Int32: Int] = [:]
        for a in state.view.regions { activity[a.region] = a.total }
        let busiest = state.mapMarkers.map { activity[$0.region] ?? 0 }.max() ?? 0
        let selected = state.cursors[.map]?.selection ?? 0
        let focused = state.focus == .map || (state.focus == .detail && state.detailSource == .map)
        let highlight = focused ? state.theme.focusedSelection : state.theme.selection
        let filtered = Set(state.filter.regions)
        let order = state.mapMarkers.indices.sorted { a, b in
            func rank(_ k: Int) -> (Int, Int, Int) {
                let region = state.mapMarkers[k].region
                return (k == selected ? 0 : 1, filtered.contains(region) ? 0 : 1, -(activity[region] ?? 0))
            }
            return rank(a) < rank(b) || (rank(a) == rank(b) && a < b)
        }
        // Markers first, so no name ever hides one; then the names, in the same order.
        var placed: [(k: Int, x: Int, y: Int)] = []
        for k in order {
            let m = state.mapMarkers[k]
            guard let cell = projection.cell(longitude: m.longitude, latitude: m.latitude) else { continue }
            let x = area.x + cell.x, y = area.y + cell.y
            guard taken.isFree(x: x, y: y, width: 1) else { continue }
            let (glyph, markerStyle) = marker(records: activity[m.region] ?? 0, busiest: busiest, state.theme)
            screen.write(glyph, x: x, y: y, style: k == selected ? highlight : markerStyle)
            taken.take(x: x, y: y, width: 1)
            placed.append((k, x, y))
        }
        for (k, x, y) in placed {
            let region = state.mapMarkers[k].region
            let records = activity[region] ?? 0
            let name = TerminalText.truncated(TerminalText.sanitized(state.dataset.regions[Int(region)].name), to: 14)
            let label = records > 0 ? "\(name) \(records)" : name
            let width = TerminalText.width(of: label)
            let style =
                k == selected ? highlight : (filtered.contains(region) ? state.theme.mapFiltered : state.theme.mapLabel)
            // Right of the marker, else left of it; a name never covers another or a marker.
            for lx in [x + 1, x - width] where taken.isFree(x: lx, y: y, width: width) {
                screen.write(label, x: lx, y: y, style: style)
                taken.take(x: lx, y: y, width: width)
                break
            }
        }
    }

    /// Each neighbour's name on its side of the border, kept inside the map and off Mali's outline and the markers.
    static func drawNeighbourNames(
        _ screen: inout Screen, _ canvas: BrailleCanvas, _ projection: MapProjection,
        _ area: Rect, _ taken: inout Occupancy, _ theme: Theme
    ) {
        for country in MapOutline.neighbours {
            let width = TerminalText.width(of: country.name)
            guard width <= area.width else { continue }
            let p = projection.point(longitude: country.labelLongitude, latitude: country.labelLatitude)
            guard p.x.isFinite, p.y.isFinite, abs(p.x) < 1e6, abs(p.y) < 1e6 else { continue }
            let centre = Int(p.x / 2), row = Int(p.y / 4)
            let x = min(max(0, centre - width / 2), area.width - width)
            for dy in [0, 1, -1] {
                let y = row + dy
                guard y >= 0, y < area.height,
                    (x..<(x + width)).allSatisfy({ canvas.layer(column: $0, row: y) != outlineLayer }),
                    taken.isFree(x: area.x + x, y: area.y + y, width: width)
                else { continue }
                screen.write(country.name, x: area.x + x, y: area.y + y, style: theme.mapNeighbourName)
                taken.take(x: area.x + x, y: area.y + y, width: width)
                break
            }
        }
    }

    static func drawLegend(_ screen: inout Screen, _ state: AppState, _ inner: Rect) {
        var line = StyledLine()
        line.add("●", state.theme.mapMarkerHot)
        line.add(" busiest ", state.theme.dim)
        line.add("•", state.theme.mapMarker)
        line.add(" some ", state.theme.dim)
        line.add("○", state.theme.mapMarkerQuiet)
        line.add(" no records", state.theme.dim)
        if state.mapDensity.located > 0 {
            line.add("  ⠂", state.theme.mapIncident)
            line.add(" located records", state.theme.dim)
        }
        line.draw(on: &screen, x: inner.x, y: inner.y + inner.height - 1, width: inner.width)
    }
}

/// Which cells of the map already hold a marker or a name.
struct Occupancy {
    let area: Rect
    private var cells: [Bool]

    init(area: Rect) {
        self.area = area
        cells = Array(repeating: false, count: area.width * area.height)
    }

    /// True when the `width` cells from (x, y) are inside the area and free.
    func isFree(x: Int, y: Int, width: Int) -> Bool {
        guard y >= area.y, y < area.y + area.height, x >= area.x, x + width <= area.x + area.width else { return false }
        let row = (y - area.y) * area.width
        for column in (x - area.x)..<(x - area.x + width) where cells[row + column] { return false }
        return true
    }

    mutating func take(x: Int, y: Int, width: Int) {
        guard y >= area.y, y < area.y + area.height else { return }
        for column in max(x, area.x)..<max(max(x, area.x), min(x + width, area.x + area.width)) {
            cells[(y - area.y) * area.width + column - area.x] = true
        }
    }
}
