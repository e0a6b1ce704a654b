#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// The second half of a large file's records, parsed on a second thread while the loader parses the first half.
///
/// Parsing a large dataset's records is most of its load time (docs/benchmarks.md has the figures): two cores
/// halve it. When the loader reaches the first record section of a streamed file, it picks a likely
/// record start near the middle of the rest of the file (a line that starts with `{` after a line that ends
/// with `,`: a newline cannot be inside a JSON string, so that `{` opens an object) and this class parses from
/// there, as records of the section it guesses, into its own store and tables, until the array closes. It reads
/// its half of the file into the loader's buffer at the same offsets and keeps its text there in place, while the
/// loader reads nothing past the split (`StreamingInput.cap`): the threads never touch the same bytes.
///
/// The guess is only trusted when the loader's own parse arrives exactly there: at an element boundary of a
/// record array of the same kind. Then the halves are joined (`DatasetDecoder.joinSplit`). In every other case
/// (the split fell inside a nested value or another section, the second half had any problem, broken JSON, a
/// file that changed) the second half is thrown away and the loader parses on from the split point itself, so a
/// load gives the same dataset and the same messages whether or not it was split (the loader reads the second
/// half again from the file over what the second thread left there).
final class RecordSplit: @unchecked Sendable {
    /// File offset of the `{` the second thread starts at.
    let start: Int
    private let fd: Int32
    /// Bytes from `start` to the end of the file.
    private let length: Int
    private let sizes: StreamingInput.Sizes
    private let file: String
    private let progress: LoadProgress?
    /// The small tables' ids, as the loader had them when the split began (record ids must not repeat them).
    let ids: IdRegistry

    private let cancelled = Atomic<Bool>(false)
    /// Set when the second thread stopped without a usable result, so that the loader stops waiting for the split.
    private let gaveUp = Atomic<Bool>(false)
    /// The loader's buffer at `start`.
    private let base: UnsafeMutablePointer<UInt8>
    private var thread: pthread_t?

    // Written by the second thread, read by the loader after `join()`.
    /// The second half's decoder when it read records up to the array's `]` without a problem.
    private(set) var decoder: DatasetDecoder?
    private(set) var kind: RecordKind?
    /// Records added to the progress count by the second thread (taken back when its records are dropped).
    private(set) var reportedRecords = 0

    /// How far ahead of the middle a record start is looked for.
    static let searchWindow = 64 << 10

    init(
        start: Int, base: UnsafeMutablePointer<UInt8>, fd: Int32, total: Int, sizes: StreamingInput.Sizes,
        file: String, progress: LoadProgress?, ids: IdRegistry
    ) {
        self.start = start
        self.base = base
        self.fd = fd
        length = total - start
        self.sizes = sizes
        self.file = file
        self.progress = progress
        self.ids = ids
    }

    /// The offset of a likely record start at or after `from`: a `{` that begins a line (after spaces) following a
    /// line that ends with `,`. Nil when there is none within `searchWindow` bytes.
    static func findStart(fd: Int32, from: Int, total: Int) -> Int? {
        let count = min(searchWindow, total - from)
        guard count > 2 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(from)) }
        guard n == count else { return nil }
        var k = 0
        while k < count {
            guard bytes[k] == 0x0A else { k += 1; continue }
            var back = k - 1
            while back >= 0 && (bytes[back] == 0x20 || bytes[back] == 0x09 || bytes[back] == 0x0D) { back -= 1 }
            var next = k + 1
            while next < count && (bytes[next] == 0x20 || bytes[next] == 0x09) { next += 1 }
            if back >= 0, bytes[back] == UInt8(ascii: ","), next < count, bytes[next] == UInt8(ascii: "{") {
                return from + next
            }
            k = next
        }
        return nil
    }

    /// Starts the second thread; false when it could not be started (the loader then parses alone).
    func begin() -> Bool {
        var id = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(
            &id, nil,
            { context in
                guard let context else { return nil }
                let split = Unmanaged<RecordSplit>.fromOpaque(context).takeRetainedValue()
                split.run()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<RecordSplit>.fromOpaque(context).release()
            return false
        }
        thread = id
        return true
    }

    /// True once the second thread has stopped without a usable result.
    var hasGivenUp: Bool { gaveUp.load(ordering: .relaxed) }

    /// Asks the second thread to stop at its next record.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Waits for the second thread to end.
    func join() {
        guard let id = thread else { return }
        pthread_join(id, nil)
        thread = nil
        progress?.set(helperBytes: 0)
    }

    /// The second thread: tries the records as incidents, then as events (the guess is checked by the loader).
    private func run() {
        defer { if decoder == nil { gaveUp.store(true, ordering: .relaxed) } }
        for kind in [RecordKind.incident, .event] {
            if cancelled.load(ordering: .relaxed) { return }
            // Each try reads its half again from the file: the previous one has rewritten the buffer in place.
            let input = StreamingInput(fd: fd, total: length, base: base, sizes: sizes, fileOffset: start)
            _ = input.limit(for: 0)
            var d = DatasetDecoder(reader: JSONReader(base: base, count: input.filled), file: file)
            d.ids = ids
            d.feeder.input = input
            d.progress = progress
            d.feeder.isSplitHelper = true
            d.store.reserve(length / 256)
            d.ids.recordIds = RecordIdTable(capacity: length / 512)
            d.ids.recordElements.reserveCapacity(length / 256)
            d.recordOffsets.reserveCapacity(length / 256)
            var outcome = DatasetDecoder.SplitRun.failed
            do throws(JSONSyntaxError) {
                outcome = try d.decodeSplitRecords(kind) { self.cancelled.load(ordering: .relaxed) }
            } catch {
                outcome = .failed
            }
            d.feeder.input = nil
            reportedRecords += d.store.count & ~4095
            switch outcome {
            case .finished:
                guard !input.failed else { return }
                input.release(keptEnd: d.reader.writeCursor, position: d.reader.position, force: true)
                decoder = d
                self.kind = kind
                return
            case .notThisKind:
                continue
            case .failed:
                return
            }
        }
    }
}

extension DatasetDecoder {
    /// How the second thread's parse ended.
    enum SplitRun {
        /// The array closed, and no record had a problem.
        case finished
        /// The first record has a problem: maybe these are records of the other kind.
        case notThisKind
        /// Anything else: the loader parses this half itself.
        case failed
    }

    /// The second thread's loop: records of `kind` from the start of the buffer up to the array's `]`, stopping at
    /// the first problem (the loader then reads them itself, reporting it in its place).
    mutating func decodeSplitRecords(_ kind: RecordKind, cancelled: () -> Bool) throws(JSONSyntaxError) -> SplitRun {
        try reader.resumeInsideArray()
        var index = 0
        while try reader.nextElement() {
            feed()
            if index & 1023 == 0 && cancelled() { return .failed }
            let elementOffset = reader.valueOffset()
            guard try reader.peek() == .object else { return .failed }
            recordOffsets.append(UInt32(truncatingIfNeeded: elementOffset))
            try decodeRecord(kind, index)
            if diagnostics.count > 0 { return index == 0 ? .notThisKind : .failed }
            index += 1
        }
        return reader.depth == 0 ? .finished : .failed
    }

    /// At the start of the first record section of a streamed file with enough left to read: starts the second
    /// thread near the middle of the rest of the file.
    mutating func beginSplitIfWorthIt() {
        guard !feeder.splitTried, !feeder.isSplitHelper, let input = feeder.input else { return }
        feeder.splitTried = true
        let remaining = input.total - reader.position
        // The loader has read up to `filled` already: the second thread starts past it.
        guard remaining >= max(input.sizes.splitMinimum, 2),
            let start = RecordSplit.findStart(
                fd: input.fd, from: max(reader.position + remaining / 2, input.filled),
                total: input.total)
        else { return }
        let split = RecordSplit(
            start: start, base: reader.base + start, fd: input.fd, total: input.total,
            sizes: input.sizes, file: file, progress: progress, ids: ids.smallTablesOnly)
        input.cap = start
        if split.begin() { feeder.recordSplit = split } else { input.cap = .max }
    }

    /// Stops and forgets the second thread (its records, if any, are not used); the loader reads on past the split.
    mutating func abandonSplit() {
        feeder.abandonSplit(progress: progress)
    }

    /// The loader's parse reached `offset` (an element of a record array of `kind`), at or past the split.
    /// When that is exactly where the second thread started and it finished cleanly, its records are appended
    /// and the reader moves past the array's `]`: true. Otherwise the second half is dropped: false, and the
    /// loader reads on itself. A record id of the second half already used in the first makes the whole file read
    /// again in one piece (`mustReadAgain`), so that the duplicate is reported exactly as it would be then.
    mutating func joinSplit(at offset: Int, kind: RecordKind, firstElement: Int) throws(JSONSyntaxError) -> Bool {
        guard let split = feeder.recordSplit, let input = feeder.input else { return false }
        if offset != split.start { split.cancel() }
        split.join()
        guard offset == split.start, split.kind == kind, let second = split.decoder,
            ids.smallIds.count == split.ids.smallIds.count
        else {
            abandonSplit()
            return false
        }
        feeder.recordSplit = nil
        let first = store.count
        // The second half's text is in place after the split; the gap between the first half's text and the split
        // is never referred to, and its pages are given back.
        let textShift = split.start
        let keptEnd = textShift + second.reader.writeCursor
        let end = split.start + second.reader.position
        input.release(keptEnd: reader.writeCursor, position: split.start, force: true)

        let referenceMap = references.internAll(of: second.references)
        let symbolMap = store.symbols.internAll(of: second.store.symbols)
        store.append(
            contentsOf: second.store, textShift: UInt32(truncatingIfNeeded: textShift),
            references: referenceMap, symbols: symbolMap)
        for p in second.pending {
            pending.append(
                PendingReference(
                    symbol: referenceMap[Int(p.symbol)], expected: p.expected,
                    path: Self.shiftingElement(p.path, by: firstElement),
                    offset: p.offset + split.start))
        }
        let fileShift = UInt32(truncatingIfNeeded: split.start)
        let offsetsFrom = recordOffsets.count
        recordOffsets.append(contentsOf: second.recordOffsets)
        recordOffsets.withUnsafeMutableBufferPointer { offsets in
            for k in offsetsFrom..<offsets.count { offsets[k] &+= fileShift }
        }
        eventCount += second.eventCount
        incidentCount += second.incidentCount

        // The second half's ids join the table; one the first half has already is a duplicate.
        let base = UnsafePointer(reader.base)
        let joined = store.ids.withUnsafeBufferPointer { refs in
            ids.join(second.ids, first: first, firstElement: firstElement) { Self.key(of: refs[Int($0)], in: base) }
        }
        if !joined {
            feeder.mustReadAgain = true
            throw reader.error("a record id of the second half is also in the first: the file is read again whole")
        }
        input.cap = .max
        input.skip(to: end)
        reader.setLimit(input.filled)
        reader.skipClosedArray(to: end, keptEnd: keptEnd)
        feed()
        progress?.add(records: second.store.count - split.reportedRecords)
        progress?.set(splitRecords: second.store.count)
        return true
    }

    /// "$.incidents[3].alternatives[0]" with the element index raised by `shift`.
    static func shiftingElement(_ path: String, by shift: Int) -> String {
        guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close])
        else { return path }
        return String(path[..<open]) + "[\(index + shift)" + String(path[close...])
    }
}
