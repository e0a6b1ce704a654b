/// A whole dataset in one binary file, to be read back far faster than its source is imported (the import cache,
/// `ImportCache`). Layout, all numbers little-endian:
///
///     0   "SITMSNAP"                      8 bytes
///     8   format version                  UInt32 (`formatVersion`)
///     12  number of sections N            UInt32
///     16  checksum of the header          UInt64: `ContentHash` of bytes 0..<16 and the table
///     24  table: N entries of 48 bytes    name (24 bytes ASCII, NUL-padded), offset, length, checksum (UInt64 each)
///         sections                        each at an offset that is a multiple of 8, in any order
///
/// Each section is named: a column of the record store written as its raw array (`kinds`, `starts`, `titles`…),
/// the text arena, the symbol table, or a small table encoded by `SnapshotEncoder` (`actors`, `extras`…). Callers
/// add their own sections (the import cache's key and report). Adding a column is adding a section (and bumping
/// `formatVersion`, so that older snapshots, without it, are imported again). The reader (`SnapshotFile`,
/// `DatasetSnapshot.read`) treats the file as hostile: every length, offset, text range, symbol and reference is
/// checked before the dataset is built, and any problem rejects the whole file.
public enum DatasetSnapshot {
    /// Bump when a section is added, removed or changes meaning.
    /// 2: the notes and the fatality notes are columns (`notes`, `fatality-notes`), no longer in `extras`.
    /// 3: end dates, times and the low and high estimates are sparse like the notes; origins are slots with a shape
    /// (`origin-shape-of`, `origin-shapes`: each distinct combination of the fields besides the ids once) and an
    /// offset into the ids (`origin-id-offsets`) instead of 36-byte rows (`origins`); coordinates are `latitudes-e6`
    /// and `longitudes-e6` (`Int32` millionths of a degree) when each comes back exactly, else `Double`s as before;
    /// actor roles are `actor-role-table` (the distinct role symbols) and `actor-role-bytes` (a position in it per
    /// reference), or `actor-roles` as before when there are more than 256 roles.
    public static let formatVersion: UInt32 = 3
    static let magic: [UInt8] = Array("SITMSNAP".utf8)
    static let headerSize = 24
    static let entrySize = 48
    static let nameSize = 24
    /// More sections than any version writes: a header claiming more is not a snapshot.
    static let maximumSections = 256

    /// Day numbers of years 1…9999, the dates a dataset can hold (anything else in a snapshot is corruption).
    static let dayRange: ClosedRange<Int32> =
        Int32(
            PartialDate.daysFromCivil(year: 1, month: 1, day: 1))...Int32(
            PartialDate.daysFromCivil(year: 9999, month: 12, day: 31))

    /// True when this build lays out the store's columns as the format says: little-endian, one byte per
    /// vocabulary value, `TextRef` as two UInt32, `OriginShape` as seven 32-bit fields. Otherwise nothing is cached.
    public static var isSupported: Bool {
        #if _endian(little)
            return MemoryLayout<RecordKind>.size == 1 && MemoryLayout<DatePrecision>.size == 1
                && MemoryLayout<Category>.size == 1 && MemoryLayout<Severity>.size == 1
                && MemoryLayout<TextRef>.stride == 8 && MemoryLayout<TextRef>.offset(of: \TextRef.length) == 4
                && MemoryLayout<OriginShape>.stride == 28
                && MemoryLayout<OriginShape>.offset(of: \OriginShape.geoPrecision) == 4
                && MemoryLayout<OriginShape>.offset(of: \OriginShape.tags) == 24
        #else
            return false
        #endif
    }

    /// One section to write: its name and its bytes (lent, not copied).
    public struct Section {
        public let name: String
        let count: Int
        let withBytes: ((UnsafeRawBufferPointer) -> Void) -> Void

        /// A section of encoded bytes.
        public init(_ name: String, bytes: [UInt8]) {
            self.name = name
            count = bytes.count
            withBytes = { body in bytes.withUnsafeBytes { body($0) } }
        }

        /// A column: the array's memory as it is.
        init<T>(_ name: String, column: [T]) {
            self.name = name
            count = column.count * MemoryLayout<T>.stride
            withBytes = { body in column.withUnsafeBytes { body($0) } }
        }
    }
}

/// The vocabulary values whose columns hold one byte each: the byte is the case's position in `allCases`.
extension DatasetSnapshot {
    static let kindCount: UInt8 = 2
    static let precisionCount: UInt8 = 3
    static let categoryCount = UInt8(Category.allCases.count)
    static let severityCount = UInt8(Severity.allCases.count)
}
