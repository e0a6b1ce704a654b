import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// The loading box the monitor shows while it opens a file: what it names, counts and fills as the loader reports.
@Suite("Loading box")
struct LoadingScreenTests {
    /// The box's four inner lines at 80×24 (file, bar, status, hint), without the borders and padding.
    func boxLines(_ progress: LoadProgress, elapsed: Double? = nil) throws -> [String] {
        let lines = LoadingScreen.render(width: 80, height: 24, progress: progress, elapsed: elapsed).lines()
        let top = try #require(lines.firstIndex { $0.contains("sitmon — loading") })
        return lines[(top + 1)...(top + 4)].map { line in
            // "    │ text │" → "text"
            let parts = line.split(separator: "│", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return line }
            var text = parts[1]
            while text.first == " " { text.removeFirst() }
            while text.last == " " { text.removeLast() }
            return String(text)
        }
    }

    func csvImport(bytes: Int, total: Int = 78_927_675, rows: Int, phase: LoadProgress.Phase = .parsing)
        -> LoadProgress
    {
        let progress = LoadProgress()
        progress.set(format: .csv)
        progress.start(file: "exports/acled.csv", totalBytes: total)
        progress.set(phase)
        progress.set(bytes: bytes)
        progress.add(records: rows)
        return progress
    }

    @Test("an export opened from the import cache: “Reading the cache” and the snapshot's megabytes")
    func readingTheCache() throws {
        let progress = LoadProgress()
        progress.start(file: "exports/acled.csv", totalBytes: 308_519_200)
        progress.set(format: .cache)
        progress.set(bytes: 150_000_000)
        let lines = try boxLines(progress, elapsed: 0.4)
        #expect(lines[0] == "exports/acled.csv")
        #expect(lines[2] == "Reading the cache · 150 / 308 MB")
        #expect(lines[1].hasPrefix("█") && lines[1].hasSuffix("░"))
        progress.set(.indexing)
        progress.add(records: 1_000_000)
        #expect(try boxLines(progress)[2] == "Indexing · 308 / 308 MB · 1,000,000 records")
    }

    @Test func aCSVImportCountsBytesOfTheFileAndRows() throws {
        let lines = try boxLines(csvImport(bytes: 37_400_000, rows: 94_208), elapsed: 1.27)
        #expect(lines[0] == "exports/acled.csv")
        #expect(lines[2] == "Importing · 37 / 78 MB · 94,208 rows")
        #expect(lines[3] == "q cancels · 1.2 s")
        // 37.4 of 78.9 MB: 32 of the bar's 68 cells.
        #expect(lines[1].filter { $0 == "█" }.count == 32)
        #expect(lines[1].count == 68)
    }

    @Test func afterTheLastRowTheBoxSaysTheDatasetIsBuiltThenIndexed() throws {
        let building = try boxLines(csvImport(bytes: 78_927_675, rows: 200_000, phase: .building))
        #expect(building[2] == "Building the dataset · 78 / 78 MB · 200,000 rows")
        #expect(!building[1].contains("░"))
        // A loader whose last report fell short of the total: past parsing, the whole file has been read.
        let indexing = try boxLines(csvImport(bytes: 76_000_000, rows: 200_000, phase: .indexing))
        #expect(indexing[2] == "Indexing · 78 / 78 MB · 200,000 rows")
        #expect(building[3] == "q cancels")
    }

    @Test func aSitmonDatasetIsParsedAndCountsRecords() throws {
        let progress = LoadProgress()
        progress.start(file: "big.json", totalBytes: 462_000_000)
        progress.set(.parsing)
        progress.set(bytes: 231_000_000)
        progress.add(records: 500_000)
        let lines = try boxLines(progress)
        #expect(lines[2] == "Parsing · 231 / 462 MB · 500,000 records")
        #expect(lines[1].filter { $0 == "█" }.count == 34)
    }

    @Test func anUnknownSizeIsNotShownAsZero() throws {
        let progress = LoadProgress()
        progress.set(format: .csv)
        progress.start(file: "acled.csv", totalBytes: 0)
        #expect(try boxLines(progress)[2] == "Reading")
        progress.set(bytes: 12_500_000)
        #expect(try boxLines(progress)[2] == "Reading · 12 MB")
        #expect(try boxLines(progress)[1].allSatisfy { $0 == "░" })
    }

    @Test func aSmallFileShowsTenthsOfAMegabyte() throws {
        let lines = try boxLines(csvImport(bytes: 250_000, total: 540_000, rows: 600))
        #expect(lines[2] == "Importing · 0.2 / 0.5 MB · 600 rows")
    }

    @Test func aLongPathKeepsTheFileName() throws {
        let path = "/home/analyst/" + String(repeating: "exports-by-country/", count: 5) + "acled-mali-2012-2025.csv"
        let progress = csvImport(bytes: 0, rows: 0)
        progress.start(file: path, totalBytes: 1)
        let line = try boxLines(progress)[0]
        #expect(line.hasPrefix("…"))
        #expect(line.hasSuffix("/acled-mali-2012-2025.csv"))
        #expect(TerminalText.width(of: line) == 68)
    }

    @Test func controlCharactersInThePathAreShownSafely() throws {
        let progress = csvImport(bytes: 0, rows: 0)
        progress.start(file: "a\u{1B}]2;title\u{07}.csv", totalBytes: 1)
        let line = try boxLines(progress)[0]
        #expect(line == "a␛]2;title␇.csv")
    }

    @Test func aTinyTerminalShowsOneWord() {
        let screen = LoadingScreen.render(width: 19, height: 4, progress: LoadProgress())
        #expect(screen.lines()[0].hasPrefix("loading…"))
    }
}
