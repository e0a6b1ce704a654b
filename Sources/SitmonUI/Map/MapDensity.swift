import SitmonCore

/// The records of a view that have coordinates, counted in 0.1° bins over the map's box.
///
/// Built once when the filter changes (one pass over the view's records); the map draws from the non-empty
/// bins only, so a frame never loops over a million records.
public struct MapDensity: Sendable, Equatable {
    /// Bin size in degrees.
    public static let step = 0.1

    public struct Bin: Sendable, Hashable {
        /// The centre of the bin.
        public var longitude: Double
        public var latitude: Double
        public var count: Int
    }

    /// The non-empty bins, west to east within south to north rows.
    public private(set) var bins: [Bin] = []
    /// Records in the view with coordinates inside the box.
    public private(set) var located = 0

    public init() {}

    /// Counts the located records of `records` in `box`.
    public init(records: [Int32], store: RecordStore, box: MapProjection.Box = .mali) {
        let columns = max(1, Int(((box.east - box.west) / Self.step).rounded(.up)))
        let rows = max(1, Int(((box.north - box.south) / Self.step).rounded(.up)))
        let (counts, located) = store.gridCounts(
            of: records, west: Float(box.west), south: Float(box.south),
            step: Float(Self.step), columns: columns, rows: rows)
        self.located = located
        for (k, count) in counts.enumerated() where count > 0 {
            bins.append(
                Bin(
                    longitude: box.west + (Double(k % columns) + 0.5) * Self.step,
                    latitude: box.south + (Double(k / columns) + 0.5) * Self.step, count: Int(count)))
        }
    }
}
