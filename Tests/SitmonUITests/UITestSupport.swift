import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// Paths and the bundled dataset, found from this file's location so the tests work from any directory.
enum Fixture {
    /// `Tests/SitmonUITests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/SitmonUITests/Golden` in the source tree (never the bundle copy).
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden", isDirectory: true)
    static let datasetPath = repository.appendingPathComponent("data/mali.json").path

    /// The bundled dataset, loaded once for the whole target, with its search text built (as the monitor has it a
    /// few milliseconds after its first frame: the text filter and the `/` search run at once). A test of what is
    /// typed before that makes its own engine.
    private static let loaded: Result<QueryEngine, LoadError> = {
        do throws(LoadError) {
            let engine = QueryEngine(dataset: try DatasetLoader.load(path: datasetPath))
            engine.prepareSearch()
            return .success(engine)
        } catch {
            return .failure(error)
        }
    }()

    static func engine() throws -> QueryEngine { try loaded.get() }

    /// A fresh monitor on the bundled dataset.
    static func state(
        width: Int = 120, height: Int = 40, mouseEnabled: Bool = true,
        exportDirectory: String = "."
    ) throws -> AppState {
        AppState(
            engine: try engine(), width: width, height: height, mouseEnabled: mouseEnabled,
            exportDirectory: exportDirectory)
    }

    /// Index of the actor with this id.
    static func actor(_ id: String) throws -> Int32 {
        let actors = try engine().dataset.actors
        return Int32(try #require(actors.firstIndex { $0.id == id }, "no actor \(id)"))
    }

    /// Index of the region with this id.
    static func region(_ id: String) throws -> Int32 {
        let regions = try engine().dataset.regions
        return Int32(try #require(regions.firstIndex { $0.id == id }, "no region \(id)"))
    }
}

extension AppState {
    /// Sends one key through `Update.apply`.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += Update.apply(&self, .input(.key(key))) }
        return effects
    }

    /// Types text, one `.character` key per character.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += Update.apply(&self, .input(.key(.character(c)))) }
        return effects
    }

    @discardableResult
    mutating func click(_ kind: MouseEvent.Kind = .press, x: Int, y: Int) -> [Effect] {
        Update.apply(&self, .input(.mouse(MouseEvent(kind: kind, x: x, y: y))))
    }

    @discardableResult
    mutating func resize(_ width: Int, _ height: Int) -> [Effect] {
        Update.apply(&self, .input(.resize(width: width, height: height)))
    }

    func selection(_ pane: Pane) -> Int { cursors[pane]?.selection ?? 0 }
    func scroll(_ pane: Pane) -> Int { cursors[pane]?.scroll ?? 0 }

    /// The filtered view of the golden tests: actor JNIM then region Mopti, picked with `a` and `r`.
    mutating func pickJNIMThenMopti() {
        press(.character("a"))
        type("jnim")
        press(.enter)
        press(.character("r"))
        type("mopti")
        press(.enter)
    }
}

/// Screen helpers.
extension Screen {
    /// Columns a row really takes when printed: the sum of its cells' widths.
    func displayWidth(row: Int) -> Int {
        (0..<width).reduce(0) { $0 + Int(self[$1, row].width) }
    }

    /// Problems with the wide-character structure of the grid: a continuation cell must follow a wide cell
    /// and a wide cell must be followed by its continuation.
    func structuralProblems() -> [String] {
        var problems: [String] = []
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                switch cell.width {
                case 0:
                    if x == 0 || self[x - 1, y].width != 2 { problems.append("orphan continuation at (\(x), \(y))") }
                    if !cell.text.isEmpty { problems.append("continuation with text at (\(x), \(y))") }
                case 2:
                    if x + 1 >= width || self[x + 1, y].width != 0 {
                        problems.append("wide cell without continuation at (\(x), \(y))")
                    }
                default:
                    break
                }
                if cell.text.unicodeScalars.contains(where: TerminalText.isUnsafe) {
                    problems.append(
                        "unsafe text \(cell.text.unicodeScalars.map { String($0.value, radix: 16) }) at (\(x), \(y))")
                }
            }
        }
        return problems
    }

    /// The text of a rectangle's rows (trailing spaces kept).
    func row(_ y: Int) -> String { lines()[y] }
}
