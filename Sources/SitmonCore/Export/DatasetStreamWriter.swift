#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole dataset in the exact bytes of `DatasetWriter.write(dataset, selection: .all(dataset))`, but in
/// chunks of a few megabytes handed to a sink as they fill, so a million records (≈ 460 MB) never sit in memory
/// twice. It is `DatasetWriter.writeDocument` with a flush before the records and after each chunk;
/// `sitmon generate --in-memory` writes through `DatasetWriter.write` so the two can be compared byte for byte.
public enum DatasetStreamWriter {
    public static let defaultChunkSize = 4 << 20

    /// Writes `dataset`, calling `sink` with each chunk in order. `progress` receives the number of records written.
    public static func write(
        _ dataset: Dataset, chunkSize: Int = defaultChunkSize, progressStep: Int = 100_000,
        progress: ((Int) -> Void)? = nil,
        to sink: ([UInt8]) throws(WriteError) -> Void
    ) throws(WriteError) {
        var failure: WriteError?
        var recordsDone = 0
        func flush(_ w: inout DatasetWriter) {
            if failure == nil && !w.out.bytes.isEmpty {
                do throws(WriteError) { try sink(w.out.bytes) } catch { failure = error }
            }
            w.out = ByteWriter(capacity: chunkSize + (1 << 16))
        }
        func record(_ w: inout DatasetWriter, _ i: Int) {
            guard failure == nil else { return }
            w.writeRecord(i)
            recordsDone += 1
            if w.out.bytes.count >= chunkSize { flush(&w) }
            if let progress, progressStep > 0, recordsDone % progressStep == 0 { progress(recordsDone) }
        }

        var w = DatasetWriter(dataset: dataset)
        w.writeDocument(Selection.all(dataset), info: dataset.info, beforeRecords: { flush(&$0) }, record: record)
        flush(&w)
        if let failure { throw failure }
    }
}
