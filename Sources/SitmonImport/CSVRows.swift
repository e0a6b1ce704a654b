import Dispatch
import SitmonCore

/// The records of an export's text in order, read by `CSVByteReader`. A large text is read on two threads: a
/// second thread reads from a line start past the middle (see `SplitHalf`) while this one reads (and the importer
/// checks) the first half. When the first half's last row ends exactly there, the second half's rows follow it, renumbered;
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

    /// Told every few thousand rows how many bytes and rows have been read (the monitor's loading box).
    var progress: LoadProgress?
    private var unreported = 0

    init(input: CSVInput, splitMinimum: Int = CSVRows.splitMinimum) {
        let bytes = input.bytes
        let delimiter = input.delimiterByte
        if bytes.count >= max(splitMinimum, 2) {
            split = SplitHalf(bytes: bytes, delimiter: delimiter, middle: bytes.count / 2)
        }
        reader = CSVByteReader(bytes: bytes, delimiter: delimiter)
    }

    /// The next record, or nil at the end of the text.
    mutating func next() -> CSVRow? {
        guard let progress else { return nextRow() }
        let row = nextRow()
        unreported += 1
        if unreported >= 4096 || row == nil {
            progress.add(records: row == nil ? unreported - 1 : unreported)
            progress.set(bytes: bytesRead)
            unreported = 0
        }
        return row
    }

    private mutating func nextRow() -> CSVRow? {
        if usingPrefetched {
            guard prefetchedIndex < prefetched.count else { return nil }
            var row = prefetched[prefetchedIndex]
            prefetchedIndex += 1
            row.line += lineOffset
            row.number += countOffset
            return row
        }
        if let half = split, reader.position >= half.middle {
            guard let start = half.start else {
                split = nil
                return reader.next()
            }
            if reader.position < start { return reader.next() }
            split = nil
            if reader.position == start {
                // A row of the first half ended exactly at the split: the second half's rows follow it.
                prefetched = half.wait()
                self.half = half
                prefetchedIndex = 0
                lineOffset = reader.nextLine - 1
                countOffset = reader.count
                usingPrefetched = true
                return nextRow()
            }
            // The split fell inside a row (a quoted field with line breaks): this thread reads on alone and the
            // other thread's rows are dropped when it finishes.
        }
        return reader.next()
    }
}

/// The second half of a split read, on a thread of its own. The thread first picks where the half starts: the
/// first line feed past the middle with an even number of quotes before it (outside any quoted field, as RFC 4180
/// reads it); then it reads the rows from there to the end.
final class SplitHalf: @unchecked Sendable {
    let middle: Int
    /// Where the half starts (nil: no line feed outside quotes past the middle); valid after `startKnown`.
    private var startValue: Int?
    private var rows: [CSVRow] = []
    private var ends: [Int] = []
    private let startKnown = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var startFetched = false, finished = false

    init(bytes: [UInt8], delimiter: UInt8, middle: Int) {
        self.middle = middle
        DispatchQueue.global().async { [self] in
            let start = Self.rowStart(after: middle, in: bytes)
            startValue = start
            startKnown.signal()
            if let start {
                var reader = CSVByteReader(bytes: bytes, delimiter: delimiter, from: start)
                var rows: [CSVRow] = []
                var ends: [Int] = []
                while let row = reader.next() {
                    rows.append(row)
                    ends.append(reader.position)
                }
                self.rows = rows
                self.ends = ends
            }
            done.signal()
        }
    }

    /// The first offset past `middle` that follows a line feed with an even number of quotes before it.
    static func rowStart(after middle: Int, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            var quotes = 0
            for b in buf[..<min(middle, buf.count)] where b == 0x22 { quotes &+= 1 }
            var i = middle
            while i < buf.count {
                let b = buf[i]
                if b == 0x22 {
                    quotes &+= 1
                } else if b == 0x0A && quotes & 1 == 0 {
                    return i + 1 < buf.count ? i + 1 : nil
                }
                i += 1
            }
            return nil
        }
    }

    /// Where the half starts, once the other thread has chosen.
    var start: Int? {
        if !startFetched {
            startKnown.wait()
            startFetched = true
        }
        return startValue
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
        index == 0 ? (startValue ?? middle) : (index - 1 < ends.count ? ends[index - 1] : middle)
    }
}
