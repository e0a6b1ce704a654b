import Foundation
import Testing
@testable import SitmonCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hostile corpus: `Corpus/`, written by `make-corpus.py`.
enum Corpus {
    /// The copy SwiftPM puts in the test bundle, else the source tree (found from this file's location).
    static let directory: URL = {
        if let url = Bundle.module.url(forResource: "Corpus", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Every dataset file of the corpus (hidden files such as `.keep` and the `import/` directory excluded).
    static var files: [String] { regularFiles(in: directory) }

    /// The CSV importer's inputs: `Corpus/import/`.
    static var importFiles: [String] { regularFiles(in: directory.appendingPathComponent("import")) }

    static func importPath(_ name: String) -> String { directory.appendingPathComponent("import/\(name)").path }

    private static func regularFiles(in url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(
                    atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }

    /// A fresh empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitmon-hardening-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Time and memory budgets. Debug builds are slow and sanitizers slower still: `scripts/asan` sets
/// `SITMON_HARDENING_TIME_SCALE` (a multiplier for every time limit) and `SITMON_HARDENING_RSS_MB`.
enum Limits {
    static let environment = ProcessInfo.processInfo.environment
    static let timeScale: Double = environment["SITMON_HARDENING_TIME_SCALE"].flatMap(Double.init) ?? 1
    /// What one file may take to load or render ("a couple of seconds").
    static let budget: Double = 2 * timeScale
    /// Past this a child process is killed by SIGALRM: the difference between "slow" and "hangs".
    static let hardLimit: Int = Int(30 * timeScale)
    /// Peak RSS growth allowed while loading one file.
    static let memoryBudgetMB: Int = environment["SITMON_HARDENING_RSS_MB"].flatMap(Int.init) ?? 200
}

/// Peak resident set size of this process so far, in bytes.
func peakRSS() -> Int {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    #if canImport(Darwin)
        return Int(usage.ru_maxrss)
    #else
        return Int(usage.ru_maxrss) * 1024
    #endif
}

func monotonicSeconds() -> Double { clockSeconds(CLOCK_MONOTONIC) }

/// CPU time of the calling thread: what a time budget is checked against, so that other tests running in
/// parallel on a small machine do not make a fast load look slow.
func threadCPUSeconds() -> Double { clockSeconds(CLOCK_THREAD_CPUTIME_ID) }

/// CPU time of the whole process.
func processCPUSeconds() -> Double { clockSeconds(CLOCK_PROCESS_CPUTIME_ID) }

private func clockSeconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// A value set from another thread.
final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// Runs `body` on its own thread (with a large stack) and waits at most `seconds` (wall clock) for it.
/// Returns the value and the CPU seconds the thread used, or nil when it did not finish: the thread is left
/// running, but the test goes on and fails instead of hanging the whole run. (A crash still ends the process:
/// inputs known to crash run in exit tests.)
func withDeadline<T>(_ seconds: Double, _ body: @escaping @Sendable () -> T) -> (value: T, seconds: Double)? {
    let box = Box<(T, Double)>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let start = threadCPUSeconds()
        let value = body()
        box.value = (value, threadCPUSeconds() - start)
        done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success, let result = box.value else { return nil }
    return (result.0, result.1)
}

/// The result of loading, as a value that crosses threads.
enum LoadOutcome: Sendable {
    case loaded(Dataset)
    case failed(LoadError)

    var error: LoadError? {
        if case .failed(let e) = self { return e }
        return nil
    }

    var dataset: Dataset? {
        if case .loaded(let d) = self { return d }
        return nil
    }

    static func load(path: String) -> LoadOutcome {
        do { return .loaded(try DatasetLoader.load(path: path)) } catch { return .failed(error) }
    }

    static func load(bytes: [UInt8], name: String) -> LoadOutcome {
        do { return .loaded(try DatasetLoader.load(bytes: bytes, name: name)) } catch { return .failed(error) }
    }
}

/// What must never reach a terminal: C0 controls, DEL, C1 controls, and the bidirectional controls
/// (embeddings, overrides, isolates, marks). Defined here independently of `TerminalText`.
enum UnsafeText {
    static let bidiControls: Set<UInt32> = [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E,  // LRE RLE PDF LRO RLO
        0x2066, 0x2067, 0x2068, 0x2069,  // LRI RLI FSI PDI
        0x200E, 0x200F, 0x061C,  // LRM RLM ALM
    ]
    /// The "Trojan Source" set (CVE-2021-42574): embeddings, overrides and isolates.
    static let trojanSource: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || bidiControls.contains(v)
    }

    /// The unsafe scalars of `text`, as `U+XXXX` strings, for messages.
    static func offenders(_ text: String, allowing allowed: Set<UInt32> = []) -> [String] {
        text.unicodeScalars.filter { isUnsafe($0) && !allowed.contains($0.value) }
            .map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }
}

/// A strict RFC 4180 reader, for checking exports.
enum CSVReader {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var i = 0
        var quoted = false
        var atFieldStart = true
        func endField() { row.append(String(decoding: field, as: UTF8.self)); field = []; atFieldStart = true }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(c)
                        i += 2
                        continue
                    }
                    quoted = false
                    i += 1
                    guard i >= bytes.count || bytes[i] == UInt8(ascii: ",") || bytes[i] == 0x0D || bytes[i] == 0x0A
                    else {
                        throw Malformed(description: "text after a closing quote at byte \(i)")
                    }
                    continue
                }
                field.append(c)
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\"") where atFieldStart:
                quoted = true
                atFieldStart = false
                i += 1
            case UInt8(ascii: "\""):
                throw Malformed(description: "quote inside an unquoted field at byte \(i)")
            case UInt8(ascii: ","):
                endField()
                i += 1
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                endField()
                rows.append(row)
                row = []
                i += 2
            case 0x0D, 0x0A:
                throw Malformed(description: "bare line break in an unquoted field at byte \(i)")
            default:
                field.append(c)
                atFieldStart = false
                i += 1
            }
        }
        if quoted { throw Malformed(description: "unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }
}
