extension RecordStore {
    /// How many of `records` fall in each cell of a grid of `columns` × `rows` cells of `step` degrees whose
    /// south-west corner is (`west`, `south`) (cell `row * columns + column`, rows from the south), and how many
    /// fell inside the grid; records without coordinates are left out. One pass over the coordinate columns: the
    /// map's density of a million-record view in a few milliseconds (a `coordinates(_:)` call per record took ≈ 30).
    public func gridCounts(of records: [Int32], west: Float, south: Float, step: Float, columns: Int, rows: Int)
        -> (counts: [Int32], located: Int) {
        var counts = [Int32](repeating: 0, count: max(0, columns * rows))
        var located = 0
        let n = count
        latitudes.withUnsafeBufferPointer { latitudes in
            longitudes.withUnsafeBufferPointer { longitudes in
                counts.withUnsafeMutableBufferPointer { counts in
                    for r in records {
                        let i = Int(r)
                        guard i >= 0, i < n, i < latitudes.count, i < longitudes.count else { continue }
                        let lat = latitudes[i], lon = longitudes[i]
                        if lat.isNaN || lon.isNaN { continue }
                        let cx = (Float(lon) - west) / step, cy = (Float(lat) - south) / step
                        guard cx >= 0, cy >= 0, cx < Float(columns), cy < Float(rows) else { continue }
                        counts[Int(cy) * columns + Int(cx)] &+= 1
                        located += 1
                    }
                }
            }
        }
        return (counts, located)
    }
}
