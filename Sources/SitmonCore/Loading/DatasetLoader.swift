#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads dataset files: the whole file into memory, decoded in place, references resolved, every problem collected.
public enum DatasetLoader {
    /// Loads and validates the dataset at `path` (`-` reads standard input, at most `maxInput` bytes:
    /// `InputLimit`). `progress`, when given, is updated as the load goes (another thread may read it).
    public static func load(path: String, progress: LoadProgress? = nil, maxInput: Int? = nil) throws(LoadError)
        -> Dataset
    {
        try load(path: path, progress: progress, streaming: .standard, maxInput: maxInput)
    }

    /// Loads `path` the way a file of hundreds of megabytes is loaded, whatever its size: read `lookahead` bytes
    /// ahead of the parser, and the records parsed on two threads from the middle of the rest of the file
    /// (`RecordSplit`). The result must be what `load(path:)` gives; tests and the fuzzer check that on small files.
    public static func loadAsLarge(path: String, lookahead: Int, progress: LoadProgress? = nil) throws(LoadError)
        -> Dataset
    {
        let sizes = StreamingInput.Sizes(
            lookahead: max(1, lookahead), chunk: max(1, lookahead / 2), releaseStep: 1,
            minimumSize: 0, splitMinimum: 0)
        return try load(path: path, progress: progress, streaming: sizes)
    }

    static func load(
        path: String, progress: LoadProgress?, streaming sizes: StreamingInput.Sizes?,
        maxInput: Int? = nil
    ) throws(LoadError) -> Dataset {
        progress?.start(file: path, totalBytes: 0)
        if path != "-", let head = try FileReader.prescreen(path: path, screen: JSONStreamScreen(), parserOnly: true) {
            // Its first megabyte already holds a byte no dataset has (a 4 GB file of NULs): that is the error,
            // found without reading or allocating the rest.
            _ = try load(bytes: head, name: path)
        }
        if path != "-", let sizes, let opened = StreamingInput.open(path: path, sizes: sizes) {
            // A large file: read as the parser goes; nil when it must be read again whole (see StreamingInput).
            let streamed = try decodeStreaming(
                fd: opened.fd, size: opened.size, path: path, progress: progress,
                sizes: sizes)
            if let streamed { return streamed }
            progress?.start(file: path, totalBytes: 0)
        }
        var bytes: [UInt8]
        if path == "-" {
            // Standard input stops at the first byte no dataset holds (`< /dev/zero` at its first NUL).
            var screen = JSONStreamScreen()
            bytes = try FileReader.read(path: path, limit: maxInput ?? InputLimit.current, screen: &screen)
        } else {
            bytes = try FileReader.read(path: path)
        }
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
    public static func load(
        consuming buffer: inout [UInt8], name: String,
        original: () -> [UInt8]?
    ) throws(LoadError) -> Dataset {
        try decode(&buffer, name: name, original: original, progress: nil)
    }

    static func decodeStreaming(
        fd: Int32, size: Int, path: String, progress: LoadProgress?,
        sizes: StreamingInput.Sizes
    ) throws(LoadError) -> Dataset? {
        defer { close(fd) }
        try FileReader.reserve(size, name: path)
        progress?.start(file: path, totalBytes: size)
        progress?.set(.parsing)
        // Capacity for the whole file, but pages are only touched as the file is read into them.
        var buffer = [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
        return try decode(
            &buffer, name: path, original: { try? FileReader.read(path: path) }, progress: progress,
            streamFrom: (fd, sizes), originalPrefix: { FileReader.readPrefix(path: path, count: $0) })
    }

    static func decode(
        _ buffer: inout [UInt8], name: String, original: () -> [UInt8]?,
        progress: LoadProgress?
    ) throws(LoadError) -> Dataset {
        guard let dataset = try decode(&buffer, name: name, original: original, progress: progress, streamFrom: nil)
        else {
            throw LoadError(.invalidData, file: name, message: "could not decode")
        }
        return dataset
    }

    /// Decodes `buffer` in place. With `streamFrom`, the buffer has the file's size but is filled from that
    /// descriptor as the parser goes; nil is returned when the file must be read again whole.
    static func decode(
        _ buffer: inout [UInt8], name: String, original: () -> [UInt8]?,
        progress: LoadProgress?, streamFrom stream: (fd: Int32, sizes: StreamingInput.Sizes)?,
        originalPrefix: ((Int) -> [UInt8]?)? = nil
    ) throws(LoadError) -> Dataset? {
        guard buffer.count < Int(UInt32.max) else {
            throw LoadError(.invalidData, file: name, message: "file larger than 4 GiB is not supported")
        }
        var decoder: DatasetDecoder?
        var syntax: JSONSyntaxError?
        var writeCursor = 0
        var streamingFailed = false
        buffer.withUnsafeMutableBufferPointer { raw in
            guard let base = raw.baseAddress else {
                var d = DatasetDecoder(
                    reader: JSONReader(base: UnsafeMutablePointer<UInt8>.allocate(capacity: 1), count: 0),
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
            if let input,
                input.failed || d.feeder.mustReadAgain
                    || (syntax.map { !input.isComplete && !Self.isGenuine($0, input) } ?? false)
            {
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
            throw LoadError(.invalidData, file: name, message: "could not decode")
        }
        if let syntax {
            var d = Diagnostic(file: name, path: "", message: "invalid JSON: " + syntax.message)
            d.offset = syntax.offset
            throw LoadError(
                kind: .invalidData, diagnostics: place([d], originalPrefix?(syntax.offset + 1) ?? original()),
                omitted: 0)
        }
        buffer.removeSubrange(writeCursor...)
        decoder.store.text = TextStorage(adopting: buffer)
        buffer = []
        let dataset = decoder.resolve()
        let diagnostics = decoder.diagnostics
        if !diagnostics.problems.isEmpty {
            let bytes = original()
            var problems = diagnostics.problems
            if let bytes {
                ReferenceLocator.locate(diagnostics.recordReferenceProblems, in: bytes, problems: &problems)
            }
            throw LoadError(kind: .invalidData, diagnostics: place(problems, bytes), omitted: diagnostics.omitted)
        }
        return dataset
    }

    /// True when a syntax error met while streaming is the file's own and not an effect of the parser's limit (a
    /// value cut where reading stopped): it lies well before the limit and is not an "end of file". The file is
    /// then not read again whole: a 4 GB file of NULs is refused at 1:1 at once, not after reading it twice.
    static func isGenuine(_ error: JSONSyntaxError, _ input: StreamingInput) -> Bool {
        error.offset + (64 << 10) < input.filled && !error.message.contains("end of file")
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
        var screen = NoScreen()
        return try read(path: path, limit: InputLimit.current, screen: &screen)
    }

    /// The file at `path` as UTF-8 text; other bytes are `.invalidData` saying "`what` is not UTF-8 text".
    public static func readText(path: String, what: String) throws(LoadError) -> String {
        guard let text = String(validating: try read(path: path), as: UTF8.self) else {
            throw LoadError(.invalidData, file: path, message: "\(what) is not UTF-8 text")
        }
        return text
    }

    /// The bytes of the file at `path`, or of standard input for `-`. What is read from standard input or a pipe
    /// stops at `limit` bytes (an error), or where `screen` says: then the bytes up to and including that byte are
    /// returned for the parser to report the problem, or the screen's message is thrown. Standard input that is a
    /// terminal is refused: nobody types a dataset, and the monitor would wait for it without end.
    public static func read<Screen: StreamScreen>(path: String, limit: Int, screen: inout Screen) throws(LoadError)
        -> [UInt8]
    {
        let fd: Int32
        let name = path == "-" ? "<stdin>" : path
        if path == "-" {
            fd = 0
            if isatty(0) == 1 {
                throw LoadError(
                    .unreadable, file: name,
                    message:
                        "standard input is a terminal: pipe the data in (sitmon … - < FILE) or give the file's path")
            }
        } else {
            // Checked before opening: opening a FIFO would block until a writer comes.
            var before = stat()
            if stat(path, &before) == 0, (before.st_mode & S_IFMT) != S_IFREG, (before.st_mode & S_IFMT) != S_IFDIR {
                throw LoadError(
                    .unreadable, file: path,
                    message: "is \(FileKind.describe(before.st_mode)), not a regular file: expected a dataset file "
                        + "(standard input is read with -)")
            }
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw unreadable(path, errno) }
        }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(path, errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw LoadError(.unreadable, file: path, message: "is a directory, expected a dataset file")
        }
        // Devices (/dev/zero) and FIFOs would be read without end or block forever: only regular files, and
        // standard input for "-", are read.
        if path != "-" && (info.st_mode & S_IFMT) != S_IFREG {
            throw LoadError(
                .unreadable, file: path,
                message: "is \(FileKind.describe(info.st_mode)), not a regular file: expected a dataset file")
        }
        if Int64(info.st_size) >= Int64(UInt32.max) {
            throw LoadError(.invalidData, file: path, message: "file larger than 4 GiB is not supported")
        }
        var bytes: [UInt8] = []
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > (1 << 20) {
            // The first megabyte screened before the whole size is allocated (`- < a 4 GB file of NULs`).
            var first = screen
            var head = [UInt8](repeating: 0, count: 1 << 20)
            let n = head.withUnsafeMutableBytes { raw in raw.baseAddress.map { pread(fd, $0, raw.count, 0) } ?? 0 }
            if n > 0 {
                head.removeSubrange(n...)
                if let stop = head.withUnsafeBufferPointer({ first.scan($0, at: 0) }) {
                    return try stopped(head, at: stop, name: name)
                }
            }
        }
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0 {
            try reserve(size, name: name)
            // Screened a megabyte at a time: a 4 GB file of NULs given as standard input stops at its first byte.
            var stop: StreamStop?
            bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                var done = 0
                guard let base = buffer.baseAddress else { initialized = 0; return }
                while done < size {
                    let n = systemRead(fd, base + done, min(size - done, 1 << 20))
                    if n <= 0 { break }
                    stop = screen.scan(UnsafeBufferPointer(start: base + done, count: n), at: done)
                    done += n
                    if stop != nil { break }
                }
                initialized = done
            }
            if let stop { return try stopped(bytes, at: stop, name: name) }
        }
        // Read whatever remains (pipes, or a file that grew while being read), screened and up to the limit.
        let known = bytes.count
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { systemRead(fd, $0, raw.count) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(path, errno)
            }
            if n == 0 { break }
            let start = bytes.count
            if let stop = chunk.withUnsafeBufferPointer({
                screen.scan(UnsafeBufferPointer(rebasing: $0[0..<n]), at: start)
            }) {
                bytes.append(contentsOf: chunk[0..<min(n, stop.offset - start + 1)])
                return try stopped(bytes, at: stop, name: name)
            }
            if bytes.count + n > bytes.capacity {
                // Grown by doubling, but never past the limit (and a chunk), so that the peak stays near the limit:
                // the old and new buffers are both held for a moment, the new one filled only as far as the old.
                let doubled = max(bytes.capacity * 2, bytes.count + n), ceiling = max(limit, known) + chunk.count
                let capacity = doubled * 2 > ceiling ? ceiling : doubled  // the last growth goes to the ceiling
                try reserve(bytes.capacity + capacity, name: name)
                bytes.reserveCapacity(capacity)
            }
            if start + n > max(limit, known) {
                let what = path == "-" ? "standard input" : "the input"
                throw LoadError(
                    .invalidData, file: name,
                    message: "\(what) is longer than the limit of \(InputLimit.describe(limit)) "
                        + "(raise it with --max-input-size or \(InputLimit.environmentVariable))")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The bytes up to a screen's stop, or its message as an error placed at line and column.
    static func stopped(_ bytes: [UInt8], at stop: StreamStop, name: String) throws(LoadError) -> [UInt8] {
        let kept = Array(bytes.prefix(stop.offset + 1))
        guard let message = stop.message else { return kept }
        var diagnostic = Diagnostic(file: name, path: stop.path, message: message)
        diagnostic.offset = stop.offset
        throw LoadError(kind: .invalidData, diagnostics: DatasetLoader.place([diagnostic], kept))
    }

    /// Screens the first `count` bytes of the regular file at `path`: when they hold what `screen` stops at, the
    /// bytes up to that stop (for the parser to report it), or the screen's message as an error; nil otherwise.
    /// With `parserOnly`, a stop with a message of the screen's own is ignored (the file is read as usual, and the
    /// parser reports what it finds, as before: a file is bounded by its size).
    public static func prescreen<Screen: StreamScreen>(
        path: String, screen: Screen, count: Int = 1 << 20,
        parserOnly: Bool = false
    ) throws(LoadError) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        var screen = screen
        guard let head = readPrefix(path: path, count: min(count, Int(clamping: info.st_size))), !head.isEmpty,
            let stop = head.withUnsafeBufferPointer({ screen.scan($0, at: 0) })
        else { return nil }
        if parserOnly && stop.message != nil { return nil }
        return try stopped(head, at: stop, name: path)
    }

    /// Fails with a clear error, rather than the abort of a failed allocation, when `bytes` more cannot be held
    /// (a memory limit: `ulimit -v`, a container's).
    static func reserve(_ bytes: Int, name: String) throws(LoadError) {
        guard bytes > 1 << 24 else { return }
        guard let probe = malloc(bytes) else {
            throw LoadError(
                .invalidData, file: name,
                message: "not enough memory to read \(bytes) bytes (a memory limit is in force)")
        }
        free(probe)
    }

    /// The first `count` bytes of the file at `path` (fewer when it is shorter), to place a problem found early
    /// in a large file without reading all of it again.
    static func readPrefix(path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + done, raw.count - done, off_t(done)) } ?? 0
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        bytes.removeSubrange(done...)
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
        return LoadError(.unreadable, file: path, message: "cannot read: \(reason)")
    }
}

@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
