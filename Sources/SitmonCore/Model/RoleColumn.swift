/// The role of each actor reference (`RecordStore.actorRoles`), read as a symbol. Roles are few (an import has a
/// handful: `actor1`, `associate`, `perpetrator`…), so each reference holds one byte, a position in `table` (the
/// distinct role symbols), until a 256th role comes; from then on every reference holds its symbol as an `Int32`.
/// 2 million references at a million ACLED rows: 2 MB instead of 8.
struct RoleColumn: Sendable {
    /// The distinct role symbols, while the roles are bytes.
    private(set) var table: [Int32] = []
    /// Per reference its role's position in `table`, while `symbols` is nil.
    private(set) var bytes: [UInt8] = []
    /// Per reference its role symbol, once there are too many roles for a byte.
    private(set) var symbols: [Int32]?

    init() {}

    /// A snapshot's column: the table and a byte per reference (each below the table's count: the caller checks).
    init(table: [Int32], bytes: [UInt8]) {
        self.table = table
        self.bytes = bytes
    }

    /// A snapshot's column of symbols.
    init(symbols: [Int32]) { self.symbols = symbols }

    var count: Int { symbols?.count ?? bytes.count }

    subscript(k: Int) -> Int32 {
        if let symbols { return symbols[k] }
        return table[Int(bytes[k])]
    }

    mutating func reserveCapacity(_ n: Int) {
        if symbols == nil { bytes.reserveCapacity(n) } else { symbols?.reserveCapacity(n) }
    }

    mutating func append(_ role: Int32) {
        if symbols == nil {
            if let position = position(of: role) {
                bytes.append(position)
                return
            }
            spell()
        }
        symbols?.append(role)
    }

    /// The byte of `role`: its position in `table`, where it is added when new; nil when the table holds 256 roles.
    private mutating func position(of role: Int32) -> UInt8? {
        if let position = table.firstIndex(of: role) { return UInt8(truncatingIfNeeded: position) }
        guard table.count < 256 else { return nil }
        table.append(role)
        return UInt8(truncatingIfNeeded: table.count - 1)
    }

    /// Appends `other`'s roles, each symbol mapped through `map` (where in range), emptying `other`.
    mutating func append(draining other: inout RoleColumn, mapping map: [Int32]) {
        defer { other = RoleColumn() }
        func mapped(_ s: Int32) -> Int32 { s >= 0 && Int(s) < map.count ? map[Int(s)] : s }
        if other.symbols == nil && symbols == nil {
            // Each of `other`'s table entries once, then its bytes through the positions found.
            var positions = [UInt8]()
            for role in other.table.map(mapped) {
                guard let position = position(of: role) else {
                    spell()
                    break
                }
                positions.append(position)
            }
            if symbols == nil {
                bytes.reserveCapacity(bytes.count + other.bytes.count)
                for b in other.bytes { bytes.append(Int(b) < positions.count ? positions[Int(b)] : 0) }
                return
            }
        }
        spell()
        for k in 0..<other.count { symbols?.append(mapped(other[k])) }
    }

    /// Turns the column into symbols (a 257th role is coming).
    private mutating func spell() {
        guard symbols == nil else { return }
        symbols = bytes.map { table[Int($0)] }
        bytes = []
        table = []
    }
}
