import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// The map: projection, braille canvas, located records, and moving, filtering and clicking on the map.
@Suite("Map")
struct MapTests {
    static let sizes = [(1, 1), (2, 1), (7, 3), (20, 5), (41, 13), (58, 16), (200, 60), (300, 8), (8, 100)]

    // MARK: Projection

    @Test func projectionRoundTrips() {
        for (columns, rows) in Self.sizes {
            let projection = MapProjection(columns: columns, rows: rows)
            for (lon, lat) in [(-11.444, 14.448), (1.409, 18.443), (-5.667, 11.318), (4.0, 25.0), (-13.0, 9.5)] {
                let p = projection.point(longitude: lon, latitude: lat)
                let back = projection.coordinate(x: p.x, y: p.y)
                #expect(abs(back.longitude - lon) < 1e-9 && abs(back.latitude - lat) < 1e-9, "\(columns)×\(rows)")
            }
        }
    }

    /// Every point of Mali's outline and every region capital lands inside the pane, at any size.
    @Test func maliInsideThePaneAtAnySize() throws {
        let markers = try Fixture.state().mapMarkers
        #expect(markers.count == 11)
        for (columns, rows) in Self.sizes {
            let projection = MapProjection(columns: columns, rows: rows)
            for ring in MapOutline.mali {
                for k in stride(from: 0, to: ring.count - 1, by: 2) {
                    let dot = projection.dot(longitude: Double(ring[k]), latitude: Double(ring[k + 1]))
                    #expect(dot != nil, "outline point \(ring[k]), \(ring[k + 1]) outside \(columns)×\(rows)")
                }
            }
            for m in markers {
                let cell = projection.cell(longitude: m.longitude, latitude: m.latitude)
                #expect(cell.map { $0.x < columns && $0.y < rows } == true, "marker \(m.region) at \(columns)×\(rows)")
            }
        }
    }

    /// A degree north is as many dots as a degree east at the equator: the shape is not stretched.
    @Test func projectionKeepsTheAspectRatio() {
        for (columns, rows) in [(58, 16), (200, 20), (30, 60)] {
            let projection = MapProjection(columns: columns, rows: rows)
            let a = projection.point(longitude: 0, latitude: 17.3)
            let north = projection.point(longitude: 0, latitude: 18.3)
            let east = projection.point(longitude: 1, latitude: 17.3)
            #expect(abs((a.y - north.y) - projection.scale) < 1e-9)
            #expect(abs((east.x - a.x) - projection.scale * projection.shrink) < 1e-9)
            #expect(projection.shrink > 0.95 && projection.shrink < 0.96)
        }
    }

    @Test func projectionRefusesNonsense() {
        let projection = MapProjection(columns: 40, rows: 12)
        for (lon, lat) in [(Double.nan, 10), (10, .infinity), (1e300, 1e300), (-180, 90)] {
            #expect(projection.dot(longitude: lon, latitude: lat) == nil)
        }
        #expect(MapProjection(columns: 0, rows: 0).dot(longitude: -5, latitude: 17) == nil)
    }

    // MARK: Canvas

    @Test func canvasDrawsLinesAsBraille() {
        var canvas = BrailleCanvas(columns: 3, rows: 1)
        canvas.line(from: (0, 0), to: (5, 0), layer: 1)
        #expect((0..<3).map { canvas.character(column: $0, row: 0) } == ["⠉", "⠉", "⠉"])
        canvas.line(from: (0, 0), to: (0, 3), layer: 2)
        #expect(canvas.character(column: 0, row: 0) == "⡏")
        #expect(canvas.layer(column: 0, row: 0) == 2 && canvas.layer(column: 1, row: 0) == 1)
        // Off the canvas and absurd coordinates draw nothing and do not hang.
        var empty = BrailleCanvas(columns: 2, rows: 2)
        empty.line(from: (-1e12, -5), to: (-3, 1e12), layer: 1)
        empty.line(from: (.nan, 0), to: (1, 1), layer: 1)
        #expect((0..<2).allSatisfy { c in (0..<2).allSatisfy { empty.character(column: c, row: $0) == nil } })
    }

    // MARK: Located records

    @Test func densityCountsTheViewsLocatedRecords() throws {
        var state = try Fixture.state()
        let store = state.dataset.records
        let box = MapProjection.Box.mali
        func onMap(_ r: Int32) -> Bool {
            guard let (lat, lon) = store.coordinates(Int(r)) else { return false }
            return Double(lon) >= box.west && Double(lon) < box.east && Double(lat) >= box.south
                && Double(lat) < box.north
        }
        let located = state.view.records.filter(onMap).count
        #expect(located > 0 && located < state.view.records.count)
        #expect(state.mapDensity.located == located)
        #expect(state.mapDensity.bins.reduce(0) { $0 + $1.count } == located)
        // Filtering narrows the points with the view.
        var filter = state.filter
        filter.toggle(region: try Fixture.region("kidal"))
        state.runFilter(filter)
        let inKidal = state.view.records.filter(onMap).count
        #expect(state.mapDensity.located == inKidal && inKidal < located)
    }

    // MARK: Keys

    func marker(_ state: AppState, _ id: String) throws -> Int {
        let region = try Fixture.region(id)
        return try #require(state.mapMarkers.firstIndex { $0.region == region })
    }

    func select(_ state: inout AppState, _ id: String) throws {
        let k = try marker(state, id)
        state.cursors[.map]?.selection = k
    }

    func selectedId(_ state: AppState) -> String? { state.selectedMapRegion.map { state.dataset.regions[Int($0)].id } }

    @Test func fiveAndMFocusTheMap() throws {
        var state = try Fixture.state()
        state.press(.character("5"))
        #expect(state.focus == .map && state.detailSource == .map)
        state.press(.character("1"), .character("m"))
        #expect(state.focus == .map)
        // Tab still leaves the map; on it, → moves between markers instead.
        state.press(.right)
        #expect(state.focus == .map)
        state.press(.tab)
        #expect(state.focus == .actors)
    }

    @Test func arrowsMoveToTheNearestMarkerInThatDirection() throws {
        var state = try Fixture.state()
        state.press(.character("m"))
        try select(&state, "bamako")
        state.press(.up)
        #expect(selectedId(state) == "koulikoro")
        try select(&state, "kidal")
        state.press(.character("j"))
        #expect(selectedId(state) == "menaka")
        // The edges: nothing west of Kayes, north of Taoudénit, south of Sikasso.
        for (id, key) in [("kayes", Key.left), ("taoudenit", .character("k")), ("sikasso", .down)] {
            try select(&state, id)
            state.press(key)
            #expect(selectedId(state) == id, "\(key) from \(id)")
        }
        // Going east only ever moves east.
        try select(&state, "kayes")
        var longitude = -180.0, moves = 0
        while let k = state.cursors[.map]?.selection, state.mapMarkers[k].longitude > longitude {
            longitude = state.mapMarkers[k].longitude
            state.press(.character("l"))
            moves += 1
        }
        #expect(moves >= 4)
    }

    @Test func enterFiltersLikeTheRegionsPane() throws {
        var onMap = try Fixture.state()
        onMap.press(.character("5"))
        try select(&onMap, "mopti")
        onMap.press(.enter)
        var inList = try Fixture.state()
        inList.press(.character("3"))
        let mopti = try Fixture.region("mopti")
        inList.cursors[.regions]?.selection = try #require(inList.regionRows.firstIndex { $0.region == mopti })
        inList.press(.enter)
        #expect(onMap.filter.regions == [mopti])
        #expect(onMap.filter == inList.filter)
        #expect(onMap.message == inList.message && onMap.message?.text == "Filter: + region Mopti")
        onMap.press(.enter)
        #expect(onMap.filter.isEmpty)
    }

    @Test func clickSelectsThenFilters() throws {
        var state = try Fixture.state(width: 120, height: 40)
        let area = try #require(state.layout.mapArea)
        let projection = MapProjection(columns: area.width, rows: area.height)
        let kidal = state.mapMarkers[try marker(state, "kidal")]
        let cell = try #require(projection.cell(longitude: kidal.longitude, latitude: kidal.latitude))
        // Another marker selected first (the map starts on the Regions pane's region, which may be Kidal).
        let bamako = try marker(state, "bamako")
        state.cursors[.map]?.selection = bamako
        state.click(x: area.x + cell.x, y: area.y + cell.y)
        #expect(state.focus == .map && selectedId(state) == "kidal" && state.filter.isEmpty)
        state.click(x: area.x + cell.x, y: area.y + cell.y)
        #expect(state.filter.regions == [try Fixture.region("kidal")])
        #expect(Renderer.render(state).lines()[1].contains("[region: Kidal]"))
    }

    @Test func mediumLayoutShowsTheLastFocusedOfRegionsAndMap() throws {
        var state = try Fixture.state(width: 80, height: 24)
        #expect(state.layout.panes[.regions] != nil && state.layout.panes[.map] == nil)
        state.press(.character("5"))
        #expect(state.layout.panes[.map] != nil && state.layout.panes[.regions] == nil)
        state.press(.character("1"))
        #expect(state.layout.panes[.map] != nil, "the map stays until the regions pane is focused")
        state.press(.character("3"))
        #expect(state.layout.panes[.regions] != nil && state.layout.panes[.map] == nil)
    }

    /// Markers, names and the neighbours' names are drawn only where the map is, at every size.
    @Test func mapDrawsInsideItsPaneAtEverySize() throws {
        for (width, height) in [(40, 10), (41, 11), (80, 20), (120, 24), (160, 50), (300, 100), (60, 20)] {
            var state = try Fixture.state(width: width, height: height)
            state.press(.character("m"))
            let layout = state.layout
            let rect = try #require(layout.panes[.map])
            let screen = Renderer.render(state)
            for y in 0..<height {
                for x in 0..<width where !rect.contains(x: x, y: y) {
                    let scalar = screen[x, y].text.unicodeScalars.first?.value ?? 0
                    #expect(
                        !(0x2801...0x28FF).contains(scalar),
                        "braille outside the map at (\(x), \(y)) \(width)×\(height)")
                }
            }
            if height >= 20 { #expect(screen.text.contains("Kidal"), "\(width)×\(height)") }
        }
    }
}
