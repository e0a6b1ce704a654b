import Foundation
import SitmonCore
import SitmonUI

/// Saved views on disk: `views/NAME.json` under the state directory, and `last-view.json` (the view restored at
/// start). Written atomically (SitmonCore's AtomicFile); the directories are created on first save.
public struct ViewStore: Sendable {
    public let locations: ConfigLocations

    public init(locations: ConfigLocations) { self.locations = locations }

    /// A problem with a saved view, for the status line or `sitmon: ...`.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var message: String
        /// The file exists and `overwrite` was false.
        public var exists = false
        public var description: String { message }
    }

    /// The names of the saved views, sorted without regard to case.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: locations.viewsDirectory)) ?? []
        return files.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .map { String($0.dropLast(5)) }
            .filter { Update.viewNameProblem($0) == nil }
            .sorted { $0.lowercased() < $1.lowercased() }
    }

    /// The file of a named view.
    public func path(of name: String) -> String { locations.viewsDirectory + "/" + name + ".json" }

    /// Saves a named view.
    public func save(_ view: SavedView, name: String, overwrite: Bool) throws(Problem) {
        if let problem = Update.viewNameProblem(name) { throw Problem(message: "“\(name)”: " + problem) }
        try write(view, to: path(of: name), overwrite: overwrite)
    }

    /// Reads a named view; an unknown name lists the saved ones.
    public func load(name: String) throws(Problem) -> SavedView {
        if let problem = Update.viewNameProblem(name) { throw Problem(message: "“\(name)”: " + problem) }
        guard FileManager.default.fileExists(atPath: path(of: name)) else {
            let saved = names()
            throw Problem(
                message: "no saved view “\(name)”; "
                    + (saved.isEmpty
                        ? "no view is saved yet (press w in the monitor)"
                        : "saved views: " + saved.joined(separator: ", ")))
        }
        return try read(path(of: name))
    }

    /// Every saved view with its date (the file's modification time, local, "2026-12-06 08:49"), for the `W` list.
    /// A file that cannot be read is listed with the problem.
    public func entries() -> [SavedViewEntry] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return names().map { name in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path(of: name))
            let saved = (attributes?[.modificationDate] as? Date).map { formatter.string(from: $0) }
            do throws(Problem) {
                return SavedViewEntry(name: name, view: try read(path(of: name)), saved: saved)
            } catch {
                return SavedViewEntry(name: name, view: nil, saved: saved, problem: error.message)
            }
        }
    }

    /// Deletes a named view.
    public func delete(name: String) throws(Problem) {
        if let problem = Update.viewNameProblem(name) { throw Problem(message: "“\(name)”: " + problem) }
        do {
            try FileManager.default.removeItem(atPath: path(of: name))
        } catch {
            throw Problem(message: "\(path(of: name)): cannot be deleted (\(error.localizedDescription))")
        }
    }

    /// Renames a view; never over another view (`exists` is then set).
    public func rename(from old: String, to new: String) throws(Problem) {
        for name in [old, new] {
            if let problem = Update.viewNameProblem(name) { throw Problem(message: "“\(name)”: " + problem) }
        }
        let view = try load(name: old)
        try write(view, to: path(of: new), overwrite: false)
        do {
            try FileManager.default.removeItem(atPath: path(of: old))
        } catch {
            throw Problem(
                message: "\(path(of: old)): saved as “\(new)” but the old file cannot be removed "
                    + "(\(error.localizedDescription))")
        }
    }

    /// Saves the view restored at the next start.
    public func saveLast(_ view: SavedView) throws(Problem) {
        try write(view, to: locations.lastViewFile, overwrite: true)
    }

    /// The view restored at start, or nil when there is none.
    public func loadLast() throws(Problem) -> SavedView? {
        guard FileManager.default.fileExists(atPath: locations.lastViewFile) else { return nil }
        return try read(locations.lastViewFile)
    }

    /// A view file that is a FIFO, a device or a socket is neither read nor written: opening a FIFO blocks until
    /// another program opens its other end (`q` hung on a FIFO `last-view.json`).
    func refuseSpecial(_ path: String) throws(Problem) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw Problem(message: "\(path): is \(FileKind.describe(info.st_mode)), not a saved view file")
        }
    }

    func write(_ view: SavedView, to path: String, overwrite: Bool) throws(Problem) {
        try refuseSpecial(path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(view)) + [UInt8(ascii: "\n")]
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Problem(message: "\(path): \(error.localizedDescription)")
        }
        do throws(WriteError) {
            try AtomicFile.write(bytes, to: path, overwrite: overwrite)
        } catch {
            throw Problem(message: error.description, exists: error.kind == .exists)
        }
    }

    func read(_ path: String) throws(Problem) -> SavedView {
        try refuseSpecial(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(message: "\(path): cannot be read")
        }
        // The version first: a later format may not decode as this one at all.
        struct Version: Decodable { var version: Int? }
        if let version = (try? JSONDecoder().decode(Version.self, from: data))?.version,
            version != SavedView.currentVersion
        {
            let why = version > SavedView.currentVersion ? "saved by a newer sitmon" : "an unknown version"
            throw Problem(
                message: "\(path): view format version \(version) (\(why); this sitmon reads version "
                    + "\(SavedView.currentVersion)): not loaded")
        }
        let view: SavedView
        do {
            view = try JSONDecoder().decode(SavedView.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw Problem(message: "\(path): not a saved view (\(context.debugDescription))")
        } catch {
            throw Problem(message: "\(path): not a saved view (\(error))")
        }
        return view
    }
}
