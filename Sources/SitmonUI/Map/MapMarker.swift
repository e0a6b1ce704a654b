import SitmonCore

/// A region of Mali placed on the map at its capital.
public struct MapMarker: Sendable, Hashable {
    public var region: Int32
    public var longitude: Double
    public var latitude: Double

    /// One marker per region or district with a capital at finite coordinates, in dataset order. Countries are
    /// drawn as neighbours and the 2023 regions are left to their parents, so the map keeps to the ten regions and
    /// Bamako that every source uses.
    public static func markers(for dataset: Dataset) -> [MapMarker] {
        var markers: [MapMarker] = []
        for (k, region) in dataset.regions.enumerated() where region.kind == .region || region.kind == .district {
            guard let capital = region.capital, capital.latitude.isFinite, capital.longitude.isFinite,
                abs(capital.latitude) <= 90, abs(capital.longitude) <= 180
            else { continue }
            markers.append(MapMarker(region: Int32(k), longitude: capital.longitude, latitude: capital.latitude))
        }
        return markers
    }
}

/// Moving between markers: the nearest one in a direction, the nearest to a point.
public enum MapNavigation {
    public enum Direction: Sendable { case left, right, up, down }

    /// East-west distances shrink with latitude; Mali's middle (17°N) is close enough for choosing neighbours.
    static let shrink = 0.956

    /// The index of the nearest marker from `from` in `direction` (within 60° of it), or nil when there is none.
    public static func next(from: Int, in direction: Direction, markers: [MapMarker]) -> Int? {
        guard from >= 0, from < markers.count else { return markers.isEmpty ? nil : 0 }
        let origin = markers[from]
        var best: (index: Int, score: Double)?
        for (k, marker) in markers.enumerated() where k != from {
            let dx = (marker.longitude - origin.longitude) * shrink
            let dy = marker.latitude - origin.latitude
            let (along, across): (Double, Double)
            switch direction {
            case .right: (along, across) = (dx, dy)
            case .left: (along, across) = (-dx, dy)
            case .up: (along, across) = (dy, dx)
            case .down: (along, across) = (-dy, dx)
            }
            // Within 60° of the direction; nearer and straighter wins.
            guard along > 0, abs(across) <= along * 1.74 else { continue }
            let score = along + 2 * abs(across)
            if best.map({ score < $0.score }) ?? true { best = (k, score) }
        }
        return best?.index
    }

    /// The index of the marker nearest to a dot of the projection (distance in dots), or nil when there are none.
    public static func nearest(toDot x: Double, _ y: Double, markers: [MapMarker], projection: MapProjection) -> Int? {
        var best: (index: Int, distance: Double)?
        for (k, marker) in markers.enumerated() {
            let p = projection.point(longitude: marker.longitude, latitude: marker.latitude)
            let d = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y)
            guard d.isFinite else { continue }
            if best.map({ d < $0.distance }) ?? true { best = (k, d) }
        }
        return best?.index
    }
}
