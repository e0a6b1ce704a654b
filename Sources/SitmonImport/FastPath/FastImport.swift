import Dispatch
import SitmonCore
import Synchronization

/// The fast path of an ACLED or UCDP GED import (docs/architecture.md, "The import fast path"): the export is read
/// once (`FileBuffer`); its rows are read in place on two threads (`FastImportHalf`), each building records
/// of its own; the merge replays, in file order, the builder calls both halves logged, so that actors, places,
/// sources and their ids come out exactly as one sequential pass of the general path (`ACLEDImporter`,
/// `UCDPImporter`) gives them, and joins the two stores.
///
/// It takes the files real exports are: UTF-8, ACLED's dyadic layout or UCDP GED with its header, no bad row, each
/// event once. Anything else — a bad row, a revised event, the monadic layout, invalid UTF-8, standard input, an
/// ACLED last row without fatalities (which the general path may take for one cut short) — declines, and
/// `CSVImporter` imports the file with the general path, which reports and handles all of it. The differential tests
/// (`FastPathImportTests`, `FastPathUCDPTests`) and the fuzz target `fastcsv` hold the two paths to identical
/// datasets and reports.
enum FastImport {
    /// What the fast path did.
    enum Outcome {
        case imported(Dataset, ImportReport)
        /// Left to the general path, and why.
        case declined(String)
    }

    /// Imports the file at `path`, or declines.
    static func load(
        path: String, name: String, format: ImportFormat?, options: ImportOptions, progress: LoadProgress?,
        splitMinimum: Int = CSVRows.splitMinimum, fillChunk: Int = FillCursor.defaultChunk
    ) -> Outcome {
        guard let file = FileBuffer(path: path, limit: options.maxInput ?? InputLimit.current) else {
            return .declined("not a regular file that can be read whole")
        }
        return AllocatorTuning.duringBulkLoad {
            load(
                bytes: file.bytes, file: file, name: name, format: format, options: options, progress: progress,
                splitMinimum: splitMinimum, fillChunk: fillChunk)
        }
    }

    /// Imports an export from its bytes: all there, or (`file`) a file's buffer, read from the file as the rows
    /// are reached (`fillChunk` bytes ahead) and whose pages are given back once read.
    static func load(
        bytes: UnsafeBufferPointer<UInt8>, file: FileBuffer?, name: String, format: ImportFormat?,
        options: ImportOptions, progress: LoadProgress?, splitMinimum: Int,
        fillChunk: Int = FillCursor.defaultChunk
    ) -> Outcome {
        var lead = FillCursor(file: file, fileOffset: 0, from: 0, limit: bytes.count, chunk: fillChunk)
        lead.fill(through: 3)  // a byte order mark
        if lead.failed { return .declined("the file could not be read") }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return .declined("UTF-16")
        }
        guard bytes.count < Int(CSVRow.escaped), bytes.count <= options.maxInput ?? InputLimit.current else {
            return .declined("too large")
        }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let text = UnsafeBufferPointer(rebasing: bytes[bom...])
        // The text read so far: the delimiter and the header are found in its first chunks.
        var cursor = FillCursor(file: file, fileOffset: bom, from: 0, limit: text.count, chunk: fillChunk)
        cursor.fill(ahead: 0)
        var sniffed = CSVInput.sniffDelimiterLine(text[..<cursor.filled])
        while !sniffed.ended && !cursor.isComplete && !cursor.failed {
            cursor.grow(rowStart: 0)
            sniffed = CSVInput.sniffDelimiterLine(text[..<cursor.filled])
        }
        if cursor.failed { return .declined("the file could not be read") }
        let delimiter = sniffed.delimiter.asciiValue ?? UInt8(ascii: ",")

        // The header: the first row that is not blank.
        var position = 0, lines = 0, rows = 0
        var fields: [UInt32] = []
        var header: [String]?
        var headerLine = 0
        while position < text.count {
            let start = position
            cursor.fill(ahead: position)
            var next = 0, breaks = 0
            while !cursor.failed {
                fields.removeAll(keepingCapacity: true)
                (next, breaks) = CSVByteReader.scanRow(
                    text, from: position, end: cursor.filled, delimiter: delimiter, into: &fields)
                if next < cursor.filled || cursor.isComplete { break }
                cursor.grow(rowStart: start)
            }
            if cursor.failed { return .declined("the file could not be read") }
            position = next
            rows += 1
            let line = lines + 1
            lines += 1 + breaks
            if FastImportHalf.isBlank(fields, in: text) { continue }
            guard UTF8Check.isValid(UnsafeBufferPointer(rebasing: text[start..<next])),
                !text[start..<next].contains(0)
            else { return .declined("header") }
            header = stride(from: 0, to: fields.count, by: 2).map { k in
                let from = Int(fields[k]), raw = fields[k + 1]
                let to = Int(raw & ~CSVRow.escaped)
                if raw & CSVRow.escaped != 0 {
                    return String(decoding: CSVByteReader.unescape(text, from, to), as: UTF8.self)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: text[from..<to]), as: UTF8.self)
            }
            headerLine = line
            break
        }
        guard let header, let detected = ImportFormat.detection(firstRow: header), detected.hasHeader,
            format == nil || format == detected.format
        else { return .declined("not an ACLED or UCDP GED header (or not the format asked for)") }
        var context = ImportContext(
            file: name, input: CSVInput(bytes: []), options: options, format: detected.format, header: header,
            headerLine: headerLine)
        context.report.delimiter = Character(Unicode.Scalar(delimiter))
        var columns = ACLEDImporter.Columns(
            id: -1, idName: "", date: -1, eventType: -1, actor1: -1, admin1: -1, country: -1, fatalities: -1)
        var ucdp: UCDPImporter.Columns?
        switch detected.format {
        case .acled:
            guard case .success(let found) = ACLEDImporter.Columns.find(context) else {
                return .declined("missing columns")
            }
            if found.monadic { return .declined("monadic layout") }
            columns = found
        case .ucdp:
            guard case .success(let found) = UCDPImporter.Columns.find(context) else {
                return .declined("missing columns")
            }
            ucdp = found
        }

        progress?.start(file: name, totalBytes: text.count)
        progress?.set(.parsing)
        let dataStart = position
        // Both halves meet most of the file's actors.
        let expectedActors = FastImportHalf.expectedActors(rows: (text.count - dataStart) / 256)
        let nameFacts = NameFactsCache(jihadist: options.jihadistPatterns, expectedNames: expectedActors)
        func makeHalf() -> FastImportHalf {
            FastImportHalf(
                bytes: text, columns: columns, ucdp: ucdp, header: context.columns, width: context.width,
                delimiter: delimiter,
                jihadist: options.jihadistPatterns, nameFacts: nameFacts, expectedActors: expectedActors)
        }
        var first = makeHalf()
        first.start(lines: lines, rows: rows)

        // The second half starts after the first line feed past the middle; the first half checks, when it gets
        // there, that a row of its own ended exactly there (else the line feed was inside a quoted field, and the
        // first half reads on alone).
        var second: SecondHalf?
        if text.count - dataStart >= max(splitMinimum, 2) {
            let middle = dataStart + (text.count - dataStart) / 2
            var probe = FillCursor(file: file, fileOffset: bom, from: middle, limit: text.count, chunk: 64 << 10)
            var searched = middle
            var lf: Int?
            while lf == nil && searched < text.count && !probe.failed {
                if probe.filled <= searched { probe.grow(rowStart: searched) }
                if probe.failed { break }
                lf = text[searched..<probe.filled].firstIndex(of: 0x0A)
                searched = probe.filled
            }
            if let lf, lf + 1 < text.count {
                second = SecondHalf(
                    half: makeHalf(), start: lf + 1, file: file, bom: bom,
                    fillChunk: fillChunk, progress: progress)
            }
        }
        let stop = second?.start ?? text.count
        var end = first.read(
            from: dataStart, stop: stop, file: file, fileOffset: bom, fillChunk: fillChunk, progress: progress,
            helper: false, cancelled: { false })
        var joined: FastImportHalf?
        var replay = FastImportReplay(context: context, options: options)
        var firstMaps: FastImportReplay.Maps??
        if let second {
            if end == second.start && !first.failed {
                // The first half's builder calls are replayed while the second half may still be reading.
                firstMaps = .some(replay.replay(first, lineOffset: 0, rowOffset: 0))
                joined = second.take()
            } else {
                // The split fell inside a row (a line feed in a quoted field): the second half's rows are not
                // used, and this thread reads on alone, from the row that crosses the split, over pages the other
                // thread read or gave back, which are read again.
                second.cancel()
                _ = second.take()
                if !first.failed {
                    end = first.read(
                        from: end, stop: text.count, file: file, fileOffset: bom, fillChunk: fillChunk,
                        progress: progress, helper: false, cancelled: { false })
                }
            }
        }
        file?.releaseSpare()
        progress?.set(helperBytes: 0)
        progress?.set(bytes: text.count)
        progress?.set(.building)
        if first.failed { return .declined(first.failure) }
        if let joined, joined.failed { return .declined(joined.failure) }
        return merge(&first, &joined, replay: &replay, firstMaps: firstMaps, context: context)
    }

    /// The second half, read on a thread of its own.
    final class SecondHalf: @unchecked Sendable {
        let start: Int
        private var half: FastImportHalf?
        private let stopped = Atomic<Bool>(false)
        private let done = DispatchSemaphore(value: 0)
        private var finished = false

        init(half: FastImportHalf, start: Int, file: FileBuffer?, bom: Int, fillChunk: Int, progress: LoadProgress?) {
            self.start = start
            self.half = half
            let end = half.bytes.count
            DispatchQueue.global().async { [self] in
                _ = self.half?.read(
                    from: start, stop: end, file: file, fileOffset: bom, fillChunk: fillChunk, progress: progress,
                    helper: true, cancelled: { self.stopped.load(ordering: .relaxed) })
                done.signal()
            }
        }

        /// Asks the thread to stop (its rows are not needed).
        func cancel() { stopped.store(true, ordering: .relaxed) }

        /// The half, once its thread has finished, moved out of this box (its store is then held once only).
        func take() -> FastImportHalf? {
            if !finished {
                done.wait()
                finished = true
            }
            defer { half = nil }
            return half
        }
    }

    /// The dataset from the halves: the logged builder calls replayed in file order, the second half's records
    /// appended after the first's with their references renumbered.
    /// True when two sorted arrays share a value.
    static func sharesHash(_ a: [Int], _ b: [Int]) -> Bool {
        var i = 0, k = 0
        while i < a.count && k < b.count {
            if a[i] == b[k] { return true }
            if a[i] < b[k] { i += 1 } else { k += 1 }
        }
        return false
    }

    /// True when no two entries of `map` are the same value ≥ 0 (-1 marks a local actor or publication that no
    /// row used, and several may); what `Set(map).count == map.count` checked, without hashing.
    static func isOneToOne(_ map: ArraySlice<Int32>) -> Bool {
        guard let top = map.max(), top >= 0 else { return map.count <= 1 }
        var seen = [Bool](repeating: false, count: Int(top) + 1)
        var unused = 0
        for value in map {
            if value < 0 {
                unused += 1
                if unused > 1 { return false }
                continue
            }
            if seen[Int(value)] { return false }
            seen[Int(value)] = true
        }
        return true
    }

    /// The halves' stores are moved into the dataset, not copied. `replay` holds the first half's calls replayed
    /// already (`firstMaps`; nil: declined) when `load` could do it while the second half was reading.
    static func merge(
        _ first: inout FastImportHalf, _ second: inout FastImportHalf?, replay: inout FastImportReplay,
        firstMaps early: FastImportReplay.Maps??, context: ImportContext
    ) -> Outcome {
        // The second half's text is moved to the end of the first's on another thread while the builder calls are
        // replayed (neither reads the other's memory), and then its origins are appended to the first's there;
        // both are given back before any text is written.
        var store = first.takeStore()
        var secondStore = RecordStore()
        var textJoin: (shift: UInt32, join: Pending<RecordStore.Joined>, symbols: [Int32])?
        if var other = second?.takeStore() {
            let symbols = store.internSymbols(of: other)
            let (shift, join) = store.startJoin(draining: &other, symbols: symbols)
            textJoin = (shift, join, symbols)
            secondStore = other
        }
        func decline(_ why: String) -> Outcome {
            if let textJoin { store.finishJoin(textJoin.join) }
            return .declined(why)
        }
        guard let firstMaps = early ?? replay.replay(first, lineOffset: 0, rowOffset: 0) else {
            return decline("actors, places or sources that only the general path can tell apart")
        }
        var secondMaps: FastImportReplay.Maps?
        if let second {
            guard let maps = replay.replay(second, lineOffset: first.lines, rowOffset: first.rows) else {
                return decline("actors, places or sources that only the general path can tell apart")
            }
            if Self.sharesHash(first.idHashes, second.idHashes) { return decline("an event id in both halves") }
            secondMaps = maps
        }
        var warnings = replay.warnings
        // A record's kind followed each actor's jihadist status as the half saw it from the name it read.
        func jihadistAgrees(_ half: FastImportHalf, _ maps: FastImportReplay.Maps) -> Bool {
            half.rawActorKey.indices.allSatisfy { raw in
                let key = half.rawActorKey[raw]
                return key < 0
                    || (replay.builder.actors[Int(maps.actors[Int(key)])].kind == .jihadistGroup)
                        == half.rawActorJihadist[raw]
            }
        }
        if !jihadistAgrees(first, firstMaps) || !(second.map { jihadistAgrees($0, secondMaps ?? firstMaps) } ?? true) {
            return decline("an actor's jihadist status differs between spellings")
        }
        // Record ids are `acled-…` (`ucdp-…`); an actor, place or source id of that shape could have taken one.
        let prefix = context.report.format == .acled ? "acled-" : "ucdp-"
        if replay.builder.actors.contains(where: { $0.id.hasPrefix(prefix) })
            || replay.builder.regions.contains(where: { $0.id.hasPrefix(prefix) })
            || replay.builder.sources.contains(where: { $0.id.hasPrefix(prefix) })
        {
            return decline("an id starting with " + prefix)
        }

        let rowsRead = first.rowsRead + (second?.rowsRead ?? 0)
        var latest = first.latest
        if let date = second?.latest, latest.map({ date > $0 }) ?? true { latest = date }
        // The actors' labels on another thread while the columns are joined.
        let labelled = Pending { [actors = replay.builder.actors] in
            var actors = actors
            let settled = ActorLabels.makeUniqueAndSettled(&actors)
            return (actors, settled)
        }
        store.remapReferences(actors: firstMaps.actors, regions: firstMaps.regions, sources: firstMaps.sources)
        var titles = first.titlesToFinish.map { ($0.record, $0.what, firstMaps.regions[Int($0.region)]) }
        if let textJoin, let maps = secondMaps {
            let base = Int32(store.count)
            titles += (second?.titlesToFinish ?? []).map { ($0.record + base, $0.what, maps.regions[Int($0.region)]) }
            second = nil
            store.append(
                draining: &secondStore, textShift: textJoin.shift, actors: maps.actors, regions: maps.regions,
                sources: maps.sources, symbols: textJoin.symbols, origins: false)
            secondStore = RecordStore()
            store.finishJoin(textJoin.join)
        }
        for (record, what, region) in titles {
            store.setTitle(Int(record), what + " in " + replay.builder.regions[Int(region)].name)
        }

        var report = context.report
        report.layout = .dyadic
        report.rowsRead = rowsRead
        report.recordsImported = store.count
        report.incidents = store.kinds.reduce(0) { $0 + ($1 == .incident ? 1 : 0) }
        warnings.sort { ($0.row, $0.phase) < ($1.row, $1.phase) }
        report.warnings = warnings.map {
            Diagnostic(file: context.file, line: $0.line, path: "row \($0.row)", message: $0.message)
        }
        let info =
            context.report.format == .acled
            ? ACLEDImporter.info(context.fileName, report: report, latest: latest)
            : UCDPImporter.info(context.fileName, report: report, latest: latest)
        let labels = labelled.value()
        var dataset = replay.builder.dataset(info: info, records: store, labelledActors: labels?.0)
        dataset.actorLabelsSettled = labels?.1 ?? false
        return .imported(dataset, report)
    }
}
