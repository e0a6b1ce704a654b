import SitmonCore
import SitmonScreen

/// The frame shown while a large dataset loads: file, phase, a bar of bytes read, records so far; q cancels.
public enum LoadingScreen {
    public static func render(width: Int, height: Int, progress: LoadProgress, theme: Theme = .dark) -> Screen {
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
        screen.write(progress.file, x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: inner.width - 2)
        let total = max(1, progress.totalBytes)
        let fraction =
            progress.phase == .parsing
            ? min(1, Double(progress.bytes) / Double(total))
            : (progress.phase == .reading ? 0 : 1)
        let barWidth = inner.width - 2
        let filled = Int(Double(barWidth) * fraction)
        screen.write(
            String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled),
            x: inner.x + 1, y: inner.y + 1, style: theme.label)
        let megabytes = { (bytes: Int) in String(bytes / 1_000_000) }
        let status =
            "\(progress.phase.label) · \(megabytes(progress.bytes)) / \(megabytes(progress.totalBytes)) MB · "
            + "\(progress.records.formatted(grouping: true)) records"
        screen.write(status, x: inner.x + 1, y: inner.y + 2, maxWidth: inner.width - 2)
        screen.write("q cancels", x: inner.x + 1, y: inner.y + 3, style: theme.dim, maxWidth: inner.width - 2)
        return screen
    }
}
