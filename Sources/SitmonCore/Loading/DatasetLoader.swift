#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads dataset files: the whole file into memory, decoded in place, references resolved, every problem collected.
public enum DatasetLoader {
    /// Loads and validates the dataset at `path` (`-` reads standard input).
    /// `progress`, when given, is updated as the load goes (another thread may read it).
    public static func load(path: String, progress: LoadProgress? = nil) throws(LoadError) -> Dataset {
        try load(path: path, progress: progress, streaming: .standard)
    }

    /// Loads `path` the way a file of hundreds of megabytes is loaded, whatever its size: read `lookahead` bytes
    /// ahead of the parser, and the records parsed on two threads from the middle of the rest of the file
    /// (`RecordSplit`). The result must be what `load(path:)` gives; tests and the fuzzer check that on small files.
    public static func loadAsLarge(path: String, lookahead: Int, progress: LoadProgress? = nil) throws(LoadError)
        -> Dataset {
        let sizes = StreamingInput.Sizes(lookahead: max(1, lookahead), chunk: max(1, lookahead / 2), releaseStep: 1,
                                         minimumSize: 0, splitMinimum: 0)
        return try load(path: path, progress: progress, streaming: sizes)
    }

    static func load(path: String, progress: LoadProgress?, streaming sizes: StreamingInput.Sizes?) throws(LoadError) -> Dataset {
        progress?.start(file: path, totalBytes: 0)
        if path != "-", let sizes, let opened = StreamingInput.open(path: path, sizes: sizes) {
            // A large file: read as the parser goes; nil when it must be read again whole (see StreamingInput).
            let streamed = try decodeStreaming(fd: opened.fd, size: opened.size, path: path, progress: progress,
                                               sizes: sizes)
            if let streamed { return streamed }
            progress?.start(file: path, totalBytes: 0)
        }
        var bytes = try FileReader.read(path: path)
        progress?.start(file: path, totalBytes: bytes.count)
        progress?.set(.parsing)
        let name = path == "-" ? "<stdin>" : path
        if path == "-" {
            return try load(bytes: bytes, name: name)
        }
        // The buffer is decoded in place; the file is read again only to place problems at line and column.
        return try decode(&bytes, name: name, original: { try? FileReader.read(path: path) }, progress: progress)
    }

    /// Loads and validates a dataset from bytes; `name` names it in messages.
    public static func load(bytes: [UInt8], name: String) throws(LoadError) -> Dataset {
        var buffer = bytes
        let original = bytes  // copy-on-write: only copied because `buffer` is then written in place
        return try decode(&buffer, name: name, original: { original }, progress: nil)
    }

    /// Loads from a buffer the loader may overwrite (no second copy of the file); `original` gives the file's
    /// unmodified bytes again, needed only to place problems at line and column.
    public static func load(consuming buffer: inout [UInt8], name: String,
                            original: () -> [UInt8]?) throws(LoadError) -> Dataset {
        try decode(&buffer, name: name, original: original, progress: nil)
    }

    static func decodeStreaming(fd: Int32, size: Int, path: String, progress: LoadProgress?,
                                sizes: StreamingInput.Sizes) throws(LoadError) -> Dataset? {
        defer { close(fd) }
        progress?.start(file: path, totalBytes: size)
        progress?.set(.parsing)
        // Capacity for the whole file, but pages are only touched as the file is read into them.
        var buffer = [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
        return try decode(&buffer, name: path, original: { try? FileReader.read(path: path) }, progress: progress,
                          streamFrom: (fd, sizes))
    }

    static func decode(_ buffer: inout [UInt8], name: String, original: () -> [UInt8]?,
                       progress: LoadProgress?) throws(LoadError) -> Dataset {
        guard let dataset = try decode(&buffer, name: name, original: original, progress: progress, streamFrom: nil) else {
            throw LoadError(kind: .invalidData, diagnostics: [Diagnostic(file: name, path: "", message: "could not decode")])
        }
        return dataset
    }

    /// Decodes `buffer` in place. With `streamFrom`, the buffer has the file's size but is filled from that
    /// descriptor as the parser goes; nil is returned when the file must be read again whole.
    static func decode(_ buffer: inout [UInt8], name: String, original: () -> [UInt8]?,
                       progress: LoadProgress?, streamFrom stream: (fd: Int32, sizes: StreamingInput.Sizes)?)
        throws(LoadError) -> Dataset? {
        guard buffer.count < Int(UInt32.max) else {
            throw LoadError(kind: .invalidData, diagnostics: [Diagnostic(file: name, path: "",
                message: "file larger than 4 GiB is not supported")])
        }
        var decoder: DatasetDecoder?
        var syntax: JSONSyntaxError?
        var writeCursor = 0
        var streamingFailed = false
        buffer.withUnsafeMutableBufferPointer { raw in
            guard let base = raw.baseAddress else {
                var d = DatasetDecoder(reader: JSONReader(base: UnsafeMutablePointer<UInt8>.allocate(capacity: 1), count: 0),
                                       file: name)
                d.problem("$", "the file is empty, expected a sitmon dataset (a JSON object)", at: 0)
                decoder = d
                return
            }
            var input: StreamingInput?
            if let stream {
                let streaming = StreamingInput(fd: stream.fd, total: raw.count, base: base, sizes: stream.sizes)
                _ = streaming.limit(for: 0)
                input = streaming
            }
            var d = DatasetDecoder(reader: JSONReader(base: base, count: input?.filled ?? raw.count), file: name)
            d.progress = progress
            d.feeder.input = input
            do throws(JSONSyntaxError) {
                try d.decode()
            } catch {
                syntax = error
            }
            d.abandonSplit()  // the second thread reads the file: it ends before the file is closed
            if let input, input.failed || d.feeder.mustReadAgain || (syntax != nil && !input.isComplete) {
                streamingFailed = true
            }
            if !streamingFailed, syntax == nil, let input {
                input.release(keptEnd: d.reader.writeCursor, position: input.filled, force: true)
            }
            d.feeder.input = nil
            writeCursor = d.reader.writeCursor
            decoder = d
        }
        if streamingFailed { return nil }
        guard var decoder else {
            throw LoadError(kind: .invalidData, diagnostics: [Diagnostic(file: name, path: "", message: "could not decode")])
        }
        if let syntax {
            var d = Diagnostic(file: name, path: "", message: "invalid JSON: " + syntax.message)
            d.offset = syntax.offset
            throw LoadError(kind: .invalidData, diagnostics: place([d], original()), omitted: 0)
        }
        buffer.removeSubrange(writeCursor...)
        decoder.store.text = TextStorage(adopting: buffer)
        buffer = []
        let dataset = decoder.resolve()
        let diagnostics = decoder.diagnostics
        if !diagnostics.problems.isEmpty {
            let bytes = original()
            var problems = diagnostics.problems
            if let bytes { ReferenceLocator.locate(diagnostics.recordReferenceProblems, in: bytes, problems: &problems) }
            throw LoadError(kind: .invalidData, diagnostics: place(problems, bytes), omitted: diagnostics.omitted)
        }
        return dataset
    }

    /// Fills in line and column from byte offsets.
    static func place(_ diagnostics: [Diagnostic], _ original: [UInt8]?) -> [Diagnostic] {
        guard let original else { return diagnostics }
        let located = diagnostics.indices.filter { diagnostics[$0].offset != nil }
        let places = LineMap(bytes: original).places(of: located.map { diagnostics[$0].offset ?? 0 })
        var result = diagnostics
        for (k, index) in located.enumerated() {
            result[index].line = places[k].line
            result[index].column = places[k].column
        }
        return result
    }
}

/// Reads whole files with clear errors: missing, unreadable, a directory.
public enum FileReader {
    /// The bytes of the file at `path`, or of standard input for `-`.
    public static func read(path: String) throws(LoadError) -> [UInt8] {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            // Checked before opening: opening a FIFO would block until a writer comes.
            var before = stat()
            if stat(path, &before) == 0, (before.st_mode & S_IFMT) != S_IFREG, (before.st_mode & S_IFMT) != S_IFDIR {
                throw LoadError(kind: .unreadable, diagnostics: [Diagnostic(file: path, path: "",
                    message: "is not a regular file (a device, FIFO or socket), expected a dataset file")])
            }
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw unreadable(path, errno) }
        }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(path, errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw LoadError(kind: .unreadable, diagnostics: [Diagnostic(file: path, path: "",
                message: "is a directory, expected a dataset file")])
        }
        // Devices (/dev/zero) and FIFOs would be read without end or block forever: only regular files, and
        // standard input for "-", are read.
        if path != "-" && (info.st_mode & S_IFMT) != S_IFREG {
            throw LoadError(kind: .unreadable, diagnostics: [Diagnostic(file: path, path: "",
                message: "is not a regular file (a device, FIFO or socket), expected a dataset file")])
        }
        if Int64(info.st_size) >= Int64(UInt32.max) {
            throw LoadError(kind: .invalidData, diagnostics: [Diagnostic(file: path, path: "",
                message: "file larger than 4 GiB is not supported")])
        }
        var bytes: [UInt8] = []
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0 {
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                var done = 0
                guard let base = buffer.baseAddress else { initialized = 0; return }
                while done < size {
                    let n = Glibc_read(fd, base + done, size - done)
                    if n <= 0 { break }
                    done += n
                }
                initialized = done
            }
        }
        // Read whatever remains (pipes, or a file that grew while being read).
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { Glibc_read(fd, $0, raw.count) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(path, errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    static func unreadable(_ path: String, _ code: Int32) -> LoadError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied"
        case EISDIR: reason = "is a directory, expected a dataset file"
        default: reason = String(cString: strerror(code))
        }
        return LoadError(kind: .unreadable, diagnostics: [Diagnostic(file: path, path: "", message: "cannot read: \(reason)")])
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
