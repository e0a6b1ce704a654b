import Dispatch
import SitmonCore

/// The records of an export's text in order, read by `CSVByteReader`. A large text is read on two threads: a
/// second thread reads from the first line start past the middle while this one reads (and the importer checks)
/// the first half. When the first half's last row ends exactly there, the second half's rows follow it, renumbered;
/// when it does not (the split fell inside a quoted field), the second thread's work is dropped and reading goes on
/// from where the first half ended, on this thread: the rows are always those of one sequential read.
struct CSVRows {
    /// Texts of at least this many bytes are read on two threads.
    static let splitMinimum = 8 << 20

    private var reader: CSVByteReader
    /// The second half, read by the other thread.
    private var split: SplitHalf?
    /// Rows of the second half handed out so far, with the line and row offsets that renumber them.
    private var prefetched: [CSVRow] = []
    private var prefetchedIndex = 0
    private var lineOffset = 0, countOffset = 0
    /// Set when the rows come from the second half.
    private(set) var usingPrefetched = false
    private var half: SplitHalf?
    /// Bytes behind the rows handed out (for the progress bar).
    var bytesRead: Int { usingPrefetched ? (half?.bytesBefore(prefetchedIndex) ?? reader.position) : reader.position }

    init(input: CSVInput, splitMinimum: Int = CSVRows.splitMinimum) {
        let bytes = input.bytes
        let delimiter = input.delimiterByte
        if bytes.count >= max(splitMinimum, 2), let start = Self.rowStart(after: bytes.count / 2, in: bytes) {
            split = SplitHalf(bytes: bytes, delimiter: delimiter, from: start)
        }
        reader = CSVByteReader(bytes: bytes, delimiter: delimiter)
    }

    /// The first offset past `middle` that follows a line feed, if any before the end.
    static func rowStart(after middle: Int, in bytes: [UInt8]) -> Int? {
        var i = middle
        while i < bytes.count {
            if bytes[i] == 0x0A { return i + 1 < bytes.count ? i + 1 : nil }
            i += 1
        }
        return nil
    }

    /// The next record, or nil at the end of the text.
    mutating func next() -> CSVRow? {
        if usingPrefetched {
            guard prefetchedIndex < prefetched.count else { return nil }
            var row = prefetched[prefetchedIndex]
            prefetchedIndex += 1
            row.line += lineOffset
            row.number += countOffset
            return row
        }
        if let half = split, reader.position >= half.start {
            split = nil
            if reader.position == half.start {
                // A row of the first half ended exactly at the split: the second half's rows follow it.
                prefetched = half.wait()
                self.half = half
                prefetchedIndex = 0
                lineOffset = reader.nextLine - 1
                countOffset = reader.count
                usingPrefetched = true
                return next()
            }
            // The split fell inside a row (a quoted field with line breaks): this thread reads on alone and the
            // other thread's rows are dropped when it finishes.
        }
        return reader.next()
    }
}

/// The second half of a split read, on a thread of its own.
final class SplitHalf: @unchecked Sendable {
    let start: Int
    private var rows: [CSVRow] = []
    private var ends: [Int] = []
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(bytes: [UInt8], delimiter: UInt8, from start: Int) {
        self.start = start
        DispatchQueue.global().async { [self] in
            var reader = CSVByteReader(bytes: bytes, delimiter: delimiter, from: start)
            var rows: [CSVRow] = []
            var ends: [Int] = []
            rows.reserveCapacity(1024)
            while let row = reader.next() {
                rows.append(row)
                ends.append(reader.position)
            }
            self.rows = rows
            self.ends = ends
            done.signal()
        }
    }

    /// The rows, once the other thread has read them all.
    func wait() -> [CSVRow] {
        if !finished {
            done.wait()
            finished = true
        }
        return rows
    }

    /// The offset where row `index` of this half starts.
    func bytesBefore(_ index: Int) -> Int {
        index == 0 ? start : (index - 1 < ends.count ? ends[index - 1] : start)
    }
}
