import SitmonCore
import SitmonScreen

/// The frame shown while a large dataset loads: file, a bar of bytes read, phase, bytes and records (a CSV export's
/// rows) so far, the time taken; q cancels.
public enum LoadingScreen {
    /// `elapsed`: seconds since the load started (shown beside "q cancels", so that a long phase is seen to go on).
    public static func render(
        width: Int, height: Int, progress: LoadProgress, elapsed: Double? = nil, theme: Theme = .dark
    ) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= 20, height >= 5 else {
            screen.write("loading…", x: 0, y: 0, style: theme.title, maxWidth: width)
            return screen
        }
        let boxWidth = min(width, 72)
        let x = (width - boxWidth) / 2, y = max(0, (height - 6) / 2)
        let rect = Rect(x: x, y: y, width: boxWidth, height: 6)
        Renderer.drawBox(&screen, rect, title: "sitmon — loading", focused: true, theme: theme)
        let inner = rect.inner
        let room = inner.width - 2
        screen.write(fileLine(progress.file, room), x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: room)
        let filled = Int(Double(room) * fraction(progress))
        screen.write(
            String(repeating: "█", count: filled) + String(repeating: "░", count: room - filled),
            x: inner.x + 1, y: inner.y + 1, style: theme.label)
        screen.write(status(progress), x: inner.x + 1, y: inner.y + 2, maxWidth: room)
        var hint = "q cancels"
        if let elapsed { hint += " · " + seconds(elapsed) }
        screen.write(hint, x: inner.x + 1, y: inner.y + 3, style: theme.dim, maxWidth: room)
        return screen
    }

    /// The phase as the box names it: a CSV export is imported (its rows read and checked), a dataset parsed.
    static func label(_ phase: LoadProgress.Phase, _ format: LoadProgress.Format) -> String {
        switch (phase, format) {
        case (.parsing, .csv): "Importing"
        case (.reading, .cache), (.parsing, .cache): "Reading the cache"
        case (.building, _): "Building the dataset"
        case (.indexing, _): "Indexing"
        default: phase.label
        }
    }

    /// "Importing · 37 / 78 MB · 94,208 rows": the bytes read out of the file's size (only the bytes when the size is
    /// not known yet, nothing before the first byte), and what was counted so far (once counting has begun).
    static func status(_ progress: LoadProgress) -> String {
        let total = progress.totalBytes
        // Past parsing every byte has been read, whatever the loader's last report said.
        let read = [.building, .indexing, .done].contains(progress.phase)
        let bytes = read && total > 0 ? total : progress.bytes
        var parts = [label(progress.phase, progress.format)]
        if total > 0 {
            parts.append("\(megabytes(bytes, scale: total)) / \(megabytes(total, scale: total)) MB")
        } else if bytes > 0 {
            parts.append("\(megabytes(bytes, scale: bytes)) MB")
        }
        if progress.phase != .reading || progress.records > 0 {
            let unit = progress.format == .csv ? "rows" : "records"
            parts.append("\(progress.records.formatted(grouping: true)) \(unit)")
        }
        return parts.joined(separator: " · ")
    }

    /// The share of the bar filled: bytes read out of the total while reading and parsing, all of it after.
    static func fraction(_ progress: LoadProgress) -> Double {
        switch progress.phase {
        case .reading, .parsing:
            let total = progress.totalBytes
            return total > 0 ? min(1, max(0, Double(progress.bytes) / Double(total))) : 0
        case .building, .indexing, .done:
            return 1
        }
    }

    /// Whole megabytes, with one decimal when `scale` (the larger figure shown beside it) is under 10 MB, so that a
    /// small file does not read "0 / 0 MB".
    static func megabytes(_ bytes: Int, scale: Int) -> String {
        if scale >= 10_000_000 { return String(bytes / 1_000_000) }
        let tenths = bytes / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// "4.2 s".
    static func seconds(_ value: Double) -> String {
        let tenths = Int((max(0, value) * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// The path, cut at its start when it is too long, so that the file's name stays in view ("…/exports/mali.csv").
    static func fileLine(_ text: String, _ columns: Int) -> String {
        let path = TerminalText.sanitized(text)
        guard TerminalText.width(of: path) > columns, columns > 1 else { return path }
        var kept = ""
        var width = 0
        for character in path.reversed() {
            let w = TerminalText.width(of: character)
            if width + w > columns - 1 { break }
            kept.insert(character, at: kept.startIndex)
            width += w
        }
        return "…" + kept
    }
}
