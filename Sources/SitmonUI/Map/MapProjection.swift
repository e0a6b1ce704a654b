import Foundation

/// Equirectangular projection with a cos(latitude) correction, fitted to a pane of terminal cells.
///
/// Positions are in braille dots: a cell holds 2 × 4 dots, and since a cell is about twice as tall as it is wide,
/// a dot is about square, so one scale serves both axes. The box is centred in the pane, its aspect ratio kept.
/// Pure arithmetic: safe for any input (NaN, infinities and huge values give nil, never a trap).
public struct MapProjection: Sendable, Equatable {
    /// The geographic box shown: longitudes west…east, latitudes south…north.
    public struct Box: Sendable, Equatable {
        public var west, east, south, north: Double

        public init(west: Double, east: Double, south: Double, north: Double) {
            self.west = west
            self.east = east
            self.south = south
            self.north = north
        }

        /// Mali with a margin for the neighbours' names.
        public static let mali = Box(west: -13.6, east: 5.4, south: 9.2, north: 25.4)
    }

    public let box: Box
    /// The pane size in cells.
    public let columns: Int
    public let rows: Int
    /// Dots per degree of latitude.
    public let scale: Double
    /// cos(mid-latitude): a degree of longitude is this much shorter than a degree of latitude.
    public let shrink: Double
    /// Dot offsets that centre the box.
    let offsetX: Double
    let offsetY: Double

    public init(box: Box = .mali, columns: Int, rows: Int) {
        self.box = box
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let mid = (box.south + box.north) / 2 * Double.pi / 180
        shrink = max(0.1, cos(mid))
        let spanX = max(1e-6, (box.east - box.west) * shrink)
        let spanY = max(1e-6, box.north - box.south)
        let dotsX = Double(self.columns * 2), dotsY = Double(self.rows * 4)
        scale = max(0, min(dotsX / spanX, dotsY / spanY))
        offsetX = (dotsX - spanX * scale) / 2
        offsetY = (dotsY - spanY * scale) / 2
    }

    /// The width and height of the pane in dots.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// The dot (fractional) at a longitude and latitude; may lie outside the pane.
    public func point(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        (offsetX + (longitude - box.west) * shrink * scale, offsetY + (box.north - latitude) * scale)
    }

    /// The dot at a longitude and latitude, or nil when it is outside the pane or not a number.
    public func dot(longitude: Double, latitude: Double) -> (x: Int, y: Int)? {
        let p = point(longitude: longitude, latitude: latitude)
        guard p.x.isFinite, p.y.isFinite, p.x >= 0, p.y >= 0, p.x < Double(dotWidth), p.y < Double(dotHeight)
        else { return nil }
        return (Int(p.x), Int(p.y))
    }

    /// The cell at a longitude and latitude, or nil when it is outside the pane.
    public func cell(longitude: Double, latitude: Double) -> (x: Int, y: Int)? {
        dot(longitude: longitude, latitude: latitude).map { ($0.x / 2, $0.y / 4) }
    }

    /// The longitude and latitude at a dot (the inverse of `point`).
    public func coordinate(x: Double, y: Double) -> (longitude: Double, latitude: Double) {
        guard scale > 0 else { return ((box.west + box.east) / 2, (box.south + box.north) / 2) }
        return (box.west + (x - offsetX) / (shrink * scale), box.north - (y - offsetY) / scale)
    }

    /// The longitude and latitude at the centre of a cell.
    public func coordinate(column: Int, row: Int) -> (longitude: Double, latitude: Double) {
        coordinate(x: Double(column * 2) + 1, y: Double(row * 4) + 2)
    }
}
