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

/// A file written in chunks with `AtomicFile`'s rules: a temporary file in the same directory, flushed and renamed
/// over the target only when complete; on failure the temporary file is removed and the old file left untouched.
/// (`AtomicFile.write` takes the whole file as one array, which a 460 MB output should not need.)
/// A target that exists and is not a regular file or directory (`/dev/null`, a FIFO, a terminal) is written
/// directly: renaming over it would replace a device node with a regular file.
public final class StreamingAtomicFile {
    public let path: String
    private var fd: Int32
    private let temporary: String?
    private var finished = false

    /// Opens the temporary file. Without `overwrite`, an existing `path` is an error, as with `AtomicFile`.
    public init(path: String, overwrite: Bool) throws(WriteError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw WriteError(kind: .isDirectory, path: path, message: "is a directory")
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK {
                let fd = open(path, O_WRONLY)
                guard fd >= 0 else {
                    throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(errno))")
                }
                self.fd = fd
                temporary = nil
                return
            }
            if !overwrite {
                throw WriteError(kind: .exists, path: path, message: "already exists (use --force to overwrite)")
            }
        }
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        var template = Array((directory + "/.sitmon-XXXXXX.tmp").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw WriteError(kind: .failed, path: path, message: "cannot write in \(directory): \(AtomicFile.reason(errno))")
        }
        self.fd = fd
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { if !finished { discard() } }

    /// True when `path` exists and is a device, a FIFO or a socket (written directly, never replaced).
    public static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    /// Appends bytes to the temporary file.
    public func write(_ bytes: [UInt8]) throws(WriteError) {
        let code = FileDescriptorWriter.writeAll(fd, bytes)
        if code != 0 {
            discard()
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(code))")
        }
    }

    /// Flushes the temporary file and renames it over `path`.
    public func commit() throws(WriteError) {
        guard !finished else { return }
        guard let temporary else {  // a device or a pipe, written directly
            finished = true
            let failure: Int32 = close(fd) != 0 ? errno : 0
            fd = -1
            if failure != 0 { throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(failure))") }
            return
        }
        var failure: Int32 = 0
        if fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        fd = -1
        if failure == 0 {
            _ = chmod(temporary, 0o644 & ~AtomicFile.currentUmask())
            if rename(temporary, path) != 0 { failure = errno }
        }
        finished = true
        if failure != 0 {
            unlink(temporary)
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(failure))")
        }
    }

    /// Removes the temporary file; `path` is left as it was.
    public func discard() {
        guard !finished else { return }
        if fd >= 0 { close(fd) }
        fd = -1
        if let temporary { unlink(temporary) }
        finished = true
    }
}

/// Writes whole buffers to a file descriptor, retrying short writes and EINTR.
public enum FileDescriptorWriter {
    /// Writes to standard output.
    public static func writeStandardOutput(_ bytes: [UInt8]) throws(WriteError) {
        let code = writeAll(1, bytes)
        if code != 0 {
            throw WriteError(kind: .failed, path: "<stdout>", message: "cannot write: \(AtomicFile.reason(code))")
        }
    }

    /// 0 on success, else the errno.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { raw -> Int32 in
            var done = 0
            while done < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                #else
                let n = Darwin.write(fd, raw.baseAddress! + done, raw.count - done)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return 0
        }
    }
}
