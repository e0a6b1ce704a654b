import Foundation
import SitmonCore
import SitmonUI
import Testing
@testable import SitmonConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue #16 for the configuration and the saved views: `~/`, untypeable keys, FIFO view files, view versions,
/// views listing ids the data lacks.
@Suite struct BoundsConfigTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitmon-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A view store whose configuration file and saved views are in `dir`.
    static func store(in dir: URL) -> ViewStore {
        ViewStore(
            locations: ConfigLocations(
                configFile: dir.path + "/config.toml", explicit: false, stateDirectory: dir.path))
    }

    @Test("~/ in data is $HOME, as in the shell; the password file's home only without HOME")
    func tildeIsHome() throws {
        let config = try ConfigParser.parse(
            "data = [\"~/mali.json\", \"~other.json\"]\n", path: "/etc/x/config.toml",
            environment: ["HOME": "/home/analyst"])
        #expect(config.data == ["/home/analyst/mali.json", "/etc/x/~other.json"])
        let fallback = try ConfigParser.parse("data = \"~/mali.json\"\n", path: "/etc/x/config.toml", environment: [:])
        #expect(fallback.data == [NSHomeDirectory() + "/mali.json"])
    }

    @Test(
        "keys no one can type are refused, named by code point",
        arguments: [
            ("\u{202E}", "U+202E is a format character"), ("\u{85}", "U+0085 is a control character"),
            ("\u{200B}", "U+200B is a format character"),
            ("\u{301}", "U+0301 is a combining mark without a base letter"),
            ("\u{2028}", "U+2028 is a line break"),
        ])
    func untypeableKeys(_ key: String, _ message: String) {
        do throws(ConfigError) {
            _ = try ConfigParser.parse("[keys]\nquit = \"\(key)\"\n", path: "/etc/x/config.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.message.unicodeScalars.contains { key.unicodeScalars.contains($0) })
        }
        #expect(KeyName.parse(key) == nil)
        // What anyone can type still is a key.
        for typed in ["x", "é", "ß", "Ж", "中", "€"] { #expect(KeyName.parse(typed) != nil, "\(typed)") }
    }

    @Test("a FIFO as last-view.json is neither opened for reading nor for writing: q does not hang")
    func fifoLastView() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = Self.store(in: dir)
        #expect(mkfifo(store.locations.lastViewFile, 0o600) == 0)
        let start = Date()
        do throws(ViewStore.Problem) {
            try store.saveLast(SavedView())
            Issue.record("saved into a FIFO")
        } catch {
            #expect(error.message.contains("is a FIFO (named pipe), not a saved view file"), "\(error.message)")
        }
        do throws(ViewStore.Problem) {
            _ = try store.loadLast()
            Issue.record("read a FIFO")
        } catch {
            #expect(error.message.contains("FIFO"))
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("a view of a later format version is refused with a message; one of this version loads")
    func versions() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = Self.store(in: dir)
        try store.save(SavedView(), name: "now", overwrite: false)
        #expect((try? store.load(name: "now")) != nil)
        for (version, why) in [(999, "saved by a newer sitmon"), (0, "an unknown version")] {
            try Data("{\"version\": \(version), \"something\": \"new\"}".utf8)
                .write(to: URL(fileURLWithPath: store.path(of: "v\(version)")))
            do throws(ViewStore.Problem) {
                _ = try store.load(name: "v\(version)")
                Issue.record("version \(version) loaded")
            } catch {
                #expect(
                    error.message.contains("view format version \(version) (\(why); this sitmon reads version 1)"),
                    "\(error.message)")
            }
        }
    }

    @Test("ids the data lacks are one note each kind, summarised past three")
    func unknownIdsSummarised() throws {
        let dataset = try DatasetLoader.load(bytes: Array(Self.tiny.utf8), name: "tiny")
        var ids = SavedView.FilterIds()
        ids.actors = ["a1"] + (0..<1_000_000).map { "ghost-\($0)" } + ["ghost-0"]
        ids.regions = ["nowhere"]
        let (filter, notes) = ids.filter(in: dataset)
        #expect(filter.actors == [0])
        #expect(
            notes == ["1,000,000 unknown actors: ghost-0, ghost-1, ghost-2 …", "region nowhere is not in the data"])
        ids.actors = ["x", "y"]
        #expect(ids.filter(in: dataset).notes.first == "2 unknown actors: x, y")
    }

    static let tiny = """
        {"format": "sitmon-dataset", "version": 1, "dataset": {"id": "t", "title": "T", "asOf": "2024-06"},
         "sources": [{"id": "s1", "title": "S"}],
         "actors": [{"id": "a1", "name": "A", "kind": "armed-forces", "sources": ["s1"]}],
         "regions": [], "events": [], "incidents": [], "relations": [], "assessments": []}
        """
}
