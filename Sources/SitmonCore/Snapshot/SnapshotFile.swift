#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open snapshot file (`DatasetSnapshot`): its header and table checked, its sections read one at a time, each
/// straight into the array that keeps it (no copy of the file in memory) and checked against its checksum.
public final class SnapshotFile {
    public let path: String
    /// The file's size in bytes.
    public let size: Int
    private let fd: Int32
    private var entries: [String: Entry] = [:]
    private let progress: LoadProgress?
    private var bytesRead = 0

    struct Entry {
        var offset: Int
        var length: Int
        var checksum: UInt64
    }

    /// Opens `path` and checks its header: the magic bytes, the format version, the table's checksum, and that
    /// every section lies inside the file, with no two overlapping. `progress`, when given, counts the bytes read.
    public init(path: String, progress: LoadProgress? = nil) throws(SnapshotError) {
        self.path = path
        self.progress = progress
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw SnapshotError("cannot open: \(String(cString: strerror(errno)))") }
        self.fd = fd
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SnapshotError("not a regular file")
        }
        size = Int(info.st_size)
        do throws(SnapshotError) {
            try readTable()
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    private func readTable() throws(SnapshotError) {
        var fixed = [UInt8](repeating: 0, count: DatasetSnapshot.headerSize)
        try read(into: &fixed, at: 0)
        guard Array(fixed[0..<8]) == DatasetSnapshot.magic else { throw SnapshotError("not a sitmon snapshot") }
        var d = SnapshotDecoder(Array(fixed[8...]), section: "header")
        let version = try d.u32()
        guard version == DatasetSnapshot.formatVersion else {
            throw SnapshotError("format version \(version), this sitmon reads \(DatasetSnapshot.formatVersion)")
        }
        let count = Int(try d.u32())
        let checksum = try d.u64()
        guard count <= DatasetSnapshot.maximumSections,
            DatasetSnapshot.headerSize + count * DatasetSnapshot.entrySize <= size
        else { throw SnapshotError("a table of \(count) sections does not fit the file") }
        var table = [UInt8](repeating: 0, count: count * DatasetSnapshot.entrySize)
        try read(into: &table, at: DatasetSnapshot.headerSize)
        var hashed = fixed
        for k in 16..<24 { hashed[k] = 0 }
        guard ContentHash.of(hashed + table) == checksum else { throw SnapshotError("the header's checksum differs") }
        var t = SnapshotDecoder(table, section: "table")
        var spans: [(Int, Int)] = []
        for _ in 0..<count {
            var nameBytes: [UInt8] = []
            for _ in 0..<DatasetSnapshot.nameSize { nameBytes.append(try t.u8()) }
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            let offset = try t.u64(), length = try t.u64(), sum = try t.u64()
            guard offset % 8 == 0, offset >= UInt64(DatasetSnapshot.headerSize + table.count),
                length <= UInt64(size), offset <= UInt64(size) - length
            else { throw SnapshotError("section \(name) lies outside the file") }
            guard entries[name] == nil else { throw SnapshotError("section \(name) comes twice") }
            entries[name] = Entry(offset: Int(offset), length: Int(length), checksum: sum)
            spans.append((Int(offset), Int(length)))
        }
        spans.sort { $0.0 < $1.0 }
        for k in spans.indices.dropFirst() where spans[k - 1].0 + spans[k - 1].1 > spans[k].0 {
            throw SnapshotError("two sections overlap")
        }
    }

    private func read(into buffer: inout [UInt8], at offset: Int) throws(SnapshotError) {
        let ok = buffer.withUnsafeMutableBytes { raw in readAll(raw, at: offset) }
        guard ok else { throw SnapshotError("the file ends early or cannot be read") }
    }

    /// Fills `raw` from the file at `offset`; false on a short file or an error.
    private func readAll(_ raw: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        guard let base = raw.baseAddress else { return true }
        var done = 0
        while done < raw.count {
            let n = pread(fd, base + done, raw.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
            bytesRead += n
            progress?.set(bytes: bytesRead)
        }
        return true
    }

    /// True when the file has a section of that name.
    public func has(_ name: String) -> Bool { entries[name] != nil }

    /// The bytes of section `name`, checked against its checksum.
    public func bytes(_ name: String) throws(SnapshotError) -> [UInt8] {
        try column(name, as: UInt8.self)
    }

    /// Section `name` read into an array of `T` (a trivial type: numbers, `TextRef`, one-byte enums), checked
    /// against its checksum; `count`, when given, is the number of elements required. `valid` sees the raw bytes
    /// before any element is made (a byte of an enum column must name a case); false rejects the section.
    func column<T>(
        _ name: String, as type: T.Type, count: Int? = nil, valid: ((UnsafeRawBufferPointer) -> Bool)? = nil
    ) throws(SnapshotError) -> [T] {
        guard let entry = entries[name] else { throw SnapshotError("no section \(name)") }
        let stride = MemoryLayout<T>.stride
        guard entry.length % stride == 0 else { throw SnapshotError("section \(name): a partial element") }
        let n = entry.length / stride
        if let count, n != count { throw SnapshotError("section \(name): \(n) elements, expected \(count)") }
        var problem: String?
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            initialized = 0
            let raw = UnsafeMutableRawBufferPointer(buffer)
            let bytes = UnsafeMutableRawBufferPointer(rebasing: raw[0..<entry.length])
            guard readAll(bytes, at: entry.offset) else { problem = "the file ends early"; return }
            guard ContentHash.of(UnsafeRawBufferPointer(bytes)) == entry.checksum else {
                problem = "checksum differs"
                return
            }
            if let valid, !valid(UnsafeRawBufferPointer(bytes)) { problem = "a value out of range"; return }
            initialized = n
        }
        if let problem { throw SnapshotError("section \(name): \(problem)") }
        return values
    }
}
