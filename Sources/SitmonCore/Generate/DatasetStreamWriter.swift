#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole dataset in the exact bytes of `DatasetWriter.write(dataset, selection: .all(dataset))`, but in
/// chunks of a few megabytes handed to a sink as they fill, so a million records (≈ 460 MB) never sit in memory
/// twice. It drives `DatasetWriter`'s own per-item writers; only the document frame below is repeated here, and
/// `sitmon generate --in-memory` writes through `DatasetWriter.write` so the two can be compared byte for byte.
public enum DatasetStreamWriter {
    public static let defaultChunkSize = 4 << 20

    /// Writes `dataset`, calling `sink` with each chunk in order. `progress` receives the number of records written.
    public static func write(_ dataset: Dataset, chunkSize: Int = defaultChunkSize, progressStep: Int = 100_000,
                             progress: ((Int) -> Void)? = nil,
                             to sink: ([UInt8]) throws(WriteError) -> Void) throws(WriteError) {
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

        let selection = Selection.all(dataset)
        let info = dataset.info
        var w = DatasetWriter(dataset: dataset)
        // The frame of DatasetWriter.writeDocument.
        w.out.append("{\n  \"format\": \"sitmon-dataset\",\n  \"version\": 1,\n  \"dataset\": {")
        var first = true
        w.field("id", info.id, &first)
        w.field("title", info.title, &first)
        w.field("description", info.description, &first)
        w.field("asOf", info.asOf?.description, &first)
        w.field("licence", info.licence, &first)
        w.field("attribution", info.attribution, &first)
        w.out.append("},\n")
        w.section("sources", selection.sources) { w, i in w.writeSource(w.dataset.sources[i]) }
        w.section("actors", selection.actors) { w, i in w.writeActor(w.dataset.actors[i]) }
        w.section("relations", selection.relations) { w, i in w.writeRelation(w.dataset.relations[i]) }
        w.section("regions", selection.regions) { w, i in w.writeRegion(w.dataset.regions[i]) }
        let kinds = dataset.records.kinds
        let events = selection.records.filter { kinds[Int($0)] == .event }
        let incidents = selection.records.filter { kinds[Int($0)] == .incident }
        flush(&w)
        w.section("events", events) { w, i in record(&w, i) }
        w.section("incidents", incidents) { w, i in record(&w, i) }
        w.section("assessments", selection.assessments, last: true) { w, i in w.writeAssessment(w.dataset.assessments[i]) }
        w.out.append("}\n")
        flush(&w)
        if let failure { throw failure }
    }
}
