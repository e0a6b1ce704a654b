// libFuzzer entry points for sitmon's readers of untrusted files. Built only when SITMON_FUZZ is set:
//
//   SITMON_FUZZ=1 swift build -c release --product sitmon-fuzz --sanitize=fuzzer --sanitize=address \
//       --scratch-path .build-fuzz
//
// `scripts/fuzz` builds and runs it. One binary, several targets, chosen by SITMON_FUZZ_TARGET:
//   loader (default)  DatasetLoader.load(bytes:) on the input; when it loads, every export, and the JSON export
//                     must load again (everything sitmon writes reads back).
//   csv               CSVImporter.load(path:) on the input written to a temporary file; when it imports, the
//                     dataset written with DatasetWriter must pass DatasetLoader.
//   split             the input written to a temporary file and loaded twice: read whole by one thread, and as a
//                     large file is (streamed, records split between two threads; `DatasetLoader.loadAsLarge`).
//                     Both must give the same dataset, or the same problems at the same places.
//   fastcsv           the input written to a temporary file and imported by the import fast path (one thread, then
//                     split on two) and by the general path: when the fast path imports, it must give the same
//                     dataset and report (FastPathCheck.difference).
//   csvreader         the importers' byte-level CSV reader, on one thread and split on two threads, must read
//                     the input exactly as CSV.swift's CSVReader does (CSVReaderCheck.difference).
//   snapshot          the import cache's snapshot reader (SnapshotFile, DatasetSnapshot.read) on the input as a
//                     snapshot file, twice: as it is, and with its checksums recomputed (so that mutations reach the
//                     checks of every section, not only the checksums). When it reads, every export must work and the
//                     dataset must write and read back the same. Seeds: snapshots of the import fixtures, written by
//                     the binary itself when SITMON_FUZZ_MAKE_SEEDS=DIR is set (scripts/fuzz does it).
// Any trap, sanitizer report, or broken property (fatalError below) is a finding. The file is compiled with
// -parse-as-library (see Package.swift), so it has no top-level code: libFuzzer provides main().

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SitmonCore
import SitmonImport

enum FuzzTarget: String {
    case loader, csv, split, csvreader, fastcsv, snapshot

    static let current: FuzzTarget = {
        guard let raw = getenv("SITMON_FUZZ_TARGET") else { return .loader }
        let name = String(cString: raw)
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("SITMON_FUZZ_TARGET must be one of: loader, csv, split, csvreader, fastcsv, snapshot (got \(name))")
        }
        return target
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch FuzzTarget.current {
    case .loader: fuzzLoader(bytes)
    case .csv: fuzzCSVImporter(bytes)
    case .split: fuzzSplitLoad(bytes)
    case .fastcsv:
        writeInput(bytes, to: csvPath)
        if let difference = FastPathCheck.difference(path: csvPath) { fatalError(difference) }
    case .csvreader:
        if let difference = CSVReaderCheck.difference(bytes) { fatalError("CSV readers differ: " + difference) }
    case .snapshot:
        fuzzSnapshot(bytes)
        fuzzSnapshot(resealed(bytes))
    }
    return 0
}

/// With SITMON_FUZZ_MAKE_SEEDS=DIR: writes a snapshot of each import fixture (Tests/SitmonImportTests/Fixtures/*.csv,
/// from the repository's root) into DIR, then exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    guard let raw = getenv("SITMON_FUZZ_MAKE_SEEDS") else { return 0 }
    let directory = String(cString: raw)
    let fixtures = "Tests/SitmonImportTests/Fixtures"
    guard let dir = opendir(fixtures) else { fatalError("run from the repository's root") }
    var made = 0
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard name.hasSuffix(".csv"), let (dataset, _) = try? CSVImporter.load(path: fixtures + "/" + name) else {
            continue
        }
        if (try? DatasetSnapshot.write(dataset, to: directory + "/" + name + ".snapshot")) != nil { made += 1 }
    }
    closedir(dir)
    print("wrote \(made) seed snapshots to \(directory)")
    exit(0)
}

let snapshotPath: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return directory + "/sitmon-fuzz-\(getpid()).snapshot"
}()

/// The snapshot reader must refuse a bad file with a reason, never crash; what it accepts must be a sound dataset.
func fuzzSnapshot(_ bytes: [UInt8]) {
    writeInput(bytes, to: snapshotPath)
    let dataset: Dataset
    do throws(SnapshotError) {
        dataset = try DatasetSnapshot.read(try SnapshotFile(path: snapshotPath))
    } catch {
        if error.message.isEmpty { fatalError("a SnapshotError without a reason") }
        return
    }
    checkExports(dataset, origin: "a dataset the snapshot reader accepted")
    // What was accepted writes and reads back the same.
    do {
        try DatasetSnapshot.write(dataset, to: snapshotPath + ".again")
        let again = try DatasetSnapshot.read(try SnapshotFile(path: snapshotPath + ".again"))
        let a = (0..<dataset.records.count).map(dataset.record), b = (0..<again.records.count).map(again.record)
        if a != b || dataset.actors != again.actors || dataset.regions != again.regions {
            fatalError("a snapshot read back differs from the dataset written")
        }
    } catch {
        fatalError("an accepted snapshot does not write and read back: \(error)")
    }
}

/// The input with its header's and sections' checksums recomputed (a table that does not parse is left as it is).
func resealed(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    guard bytes.count >= 24 else { return bytes }
    func u64(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
    func put(_ value: UInt64, _ at: Int) {
        for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }
    let count = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
    guard count <= 256, 24 + 48 * count <= bytes.count else { return bytes }
    for k in 0..<count {
        let entry = 24 + 48 * k
        let offset = u64(entry + 24), length = u64(entry + 32)
        guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else { continue }
        put(bytes.withUnsafeBytes { ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset + length)])) }, entry + 40)
    }
    put(0, 16)
    put(ContentHash.of(Array(bytes[0..<(24 + 48 * count)])), 16)
    return bytes
}

/// The loader must never crash, hang or grow without bound; a refusal must explain itself.
func fuzzLoader(_ bytes: [UInt8]) {
    do {
        let dataset = try DatasetLoader.load(bytes: bytes, name: "fuzz.json")
        checkExports(dataset, origin: "a dataset the loader accepted")
    } catch {
        checkRefusal(error)
    }
}

/// A LoadError names the file, has at least one diagnostic and a place for each.
func checkRefusal(_ error: LoadError) {
    let text = error.description  // formats every diagnostic: line and column, path, message
    if error.diagnostics.isEmpty || text.isEmpty {
        fatalError("a LoadError without diagnostics")
    }
    if error.exitCode != 65 && error.exitCode != 66 {
        fatalError("a LoadError with exit code \(error.exitCode)")
    }
}

/// Every export of a valid dataset works, and its JSON export loads again — for the whole dataset and for
/// a narrowed view (whose export is the view's closure: records plus everything they reference).
func checkExports(_ dataset: Dataset, origin: String) {
    let engine = QueryEngine(dataset: dataset)
    var filters = [Filter.all]
    if !dataset.actors.isEmpty || !dataset.regions.isEmpty {
        var narrowed = Filter.all
        if !dataset.actors.isEmpty { narrowed.actors = [Int32(dataset.actors.count - 1)] }
        if !dataset.regions.isEmpty { narrowed.regions = [0] }
        filters.append(narrowed)
    }
    var search = Filter.all
    search.text = "a"
    filters.append(search)
    for filter in filters {
        let view = engine.run(filter)
        _ = Exporter.export(view, of: engine, as: .csv)
        _ = Exporter.export(view, of: engine, as: .md)
        let json = Exporter.export(view, of: engine, as: .json)
        do {
            _ = try DatasetLoader.load(bytes: json, name: "export.json")
        } catch {
            fatalError("the JSON export of \(origin) does not load again (filter \(filter)):\n\(error.description)")
        }
    }
}

/// The CSV importer reads from a path, so each input goes through a temporary file.
let csvPath: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(directory)/sitmon-fuzz-\(getpid()).csv"
}()

/// Writes `bytes` to `path`, replacing it.
func writeInput(_ bytes: [UInt8], to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot write \(path)") }
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n <= 0 { fatalError("cannot write \(path)") }
        done += n
    }
    close(fd)
}

func fuzzCSVImporter(_ bytes: [UInt8]) {
    writeInput(bytes, to: csvPath)
    do {
        let (dataset, _) = try CSVImporter.load(path: csvPath)
        let json = DatasetWriter.write(dataset, selection: .all(dataset))
        do {
            _ = try DatasetLoader.load(bytes: json, name: "import.json")
        } catch {
            fatalError("an imported dataset, written with DatasetWriter, does not load:\n\(error.description)")
        }
        checkExports(dataset, origin: "an imported dataset")
    } catch {
        checkRefusal(error)
    }
}

let jsonPath: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(directory)/sitmon-fuzz-\(getpid()).json"
}()

/// The dataset as JSON, or the refusal's full text (every problem with its place).
func outcome(_ load: () throws(LoadError) -> Dataset) -> [UInt8] {
    do {
        let dataset = try load()
        return Array("ok\n".utf8) + DatasetWriter.write(dataset, selection: .all(dataset))
    } catch {
        checkRefusal(error)
        return Array("error\n\(error.description)".utf8)
    }
}

/// A load split between two threads gives exactly what one thread gives, wherever the split and the chunk limits
/// fall (the look-ahead varies with the input's size).
func fuzzSplitLoad(_ bytes: [UInt8]) {
    writeInput(bytes, to: jsonPath)
    let whole = outcome { () throws(LoadError) in try DatasetLoader.load(path: jsonPath) }
    let lookahead = 64 + bytes.count % 4000
    let split = outcome { () throws(LoadError) in try DatasetLoader.loadAsLarge(path: jsonPath, lookahead: lookahead) }
    if split != whole {
        fatalError("a split load differs from a one-thread load (look-ahead \(lookahead)):\n"
                   + String(decoding: whole.prefix(2000), as: UTF8.self) + "\n---\n"
                   + String(decoding: split.prefix(2000), as: UTF8.self))
    }
}
