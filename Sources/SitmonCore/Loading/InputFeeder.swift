/// Feeds the decoder's reader a large file as the parse goes (`StreamingInput`), and holds the second thread
/// that parses the second half of its records, while it runs (`RecordSplit`). Without streaming input (a small
/// file, or one read whole) it does nothing.
struct InputFeeder {
    /// A large file read as the parser goes (nil: the whole file is in the buffer).
    var input: StreamingInput?
    /// The second thread parsing the second half of the records, while it runs.
    var recordSplit: RecordSplit?
    /// A split is tried once per load, at the first record section.
    var splitTried = false
    /// This decoder is the second thread of a split load.
    var isSplitHelper = false
    /// The split load cannot give the one-thread result (a duplicate id across halves): the loader reads the file
    /// again whole.
    var mustReadAgain = false

    /// Gives `reader` the next bytes of the file and releases what it has gone past. A second thread that gave up
    /// is dropped first, so that the reader may read on past the split.
    @inline(__always)
    mutating func feed(_ reader: inout JSONReader, progress: LoadProgress?) {
        guard let input else { return }
        if let split = recordSplit, split.hasGivenUp { abandonSplit(progress: progress) }
        reader.setLimit(input.limit(for: reader.position))
        input.release(keptEnd: reader.writeCursor, position: reader.position)
    }

    /// Reads the rest of the file (before checking what follows the document).
    func feedAll(_ reader: inout JSONReader) {
        guard let input else { return }
        input.fill(upTo: input.total)
        reader.setLimit(input.filled)
    }

    /// Stops and forgets the second thread (its records, if any, are not used); the reader may read on past the
    /// split.
    mutating func abandonSplit(progress: LoadProgress?) {
        guard let split = recordSplit else { return }
        recordSplit = nil
        split.cancel()
        split.join()
        input?.cap = .max
        progress?.add(records: -split.reportedRecords)
    }
}
