import SitmonCore
import SitmonScreen

/// The `e` export dialog: a format and a file name; asks before overwriting.
public struct ExportDialogState: Sendable, OverwriteConfirming, OverlayModel {
    public var format: ExportFormat
    public var fileName: LineEditor
    /// Set when the file exists and the user must confirm with y.
    public var confirmOverwrite = false
    public var error: String?

    public init(format: ExportFormat, fileName: String) {
        self.format = format
        self.fileName = LineEditor(fileName)
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        if confirmOverwrite {
            confirmOverwrite = false
            switch key {
            case .character("y"), .character("Y"): return OverlayOutcome.stay.with(effect: export(app, overwrite: true))
            case .escape: return OverlayOutcome.close.with(message: "Export cancelled")
            default: break
            }
            return .stay
        }
        switch key {
        case .escape:
            return OverlayOutcome.close.with(message: "Export cancelled")
        case .tab, .backTab, .up, .down:
            let all = ExportFormat.allCases
            let k = all.firstIndex(of: format) ?? 0
            let next = all[(k + (key == .tab || key == .down ? 1 : all.count - 1)) % all.count]
            if fileName.text == Exporter.defaultFileName(app.view, app.dataset, format) {
                fileName = LineEditor(Exporter.defaultFileName(app.view, app.dataset, next))
            } else if fileName.text.hasSuffix("." + format.fileExtension) {
                fileName = LineEditor(String(fileName.text.dropLast(format.fileExtension.count)) + next.fileExtension)
            }
            format = next
            error = nil
        case .enter:
            if fileName.text.trimmingSpaces.isEmpty {
                error = "a file name is needed"
            } else {
                error = nil
                return OverlayOutcome.stay.with(effect: export(app, overwrite: false))
            }
        default:
            _ = fileName.handle(key)
            error = nil
        }
        return .stay
    }

    /// The export of the current view to the typed file, as an effect: the runtime makes the bytes and writes them.
    func export(_ app: AppState, overwrite: Bool) -> Effect {
        let name = Update.expandingTilde(fileName.text.trimmingSpaces, home: app.homeDirectory)
        let path = name.hasPrefix("/") || app.exportDirectory == "." ? name : app.exportDirectory + "/" + name
        return .writeExport(
            ExportRequest(
                path: path, format: format, overwrite: overwrite, view: app.view,
                engine: app.engine))
    }
}

/// An export for the runtime to make and write (bubbletea's command): `update` only describes it; the runtime calls
/// `bytes()` and writes them atomically.
public struct ExportRequest: Sendable, Hashable {
    public var path: String
    public var format: ExportFormat
    /// Whether an existing file may be replaced (after the user confirmed).
    public var overwrite: Bool
    /// The view exported, and the engine it came from.
    public let view: View
    let engine: QueryEngine

    /// The number of records exported.
    public var records: Int { view.records.count }

    /// The file's bytes.
    public func bytes() -> [UInt8] { Exporter.export(view, of: engine, as: format) }

    /// Two requests are the same when they write the same filter's view to the same path in the same way.
    public static func == (a: ExportRequest, b: ExportRequest) -> Bool {
        a.path == b.path && a.format == b.format && a.overwrite == b.overwrite && a.view.filter == b.view.filter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(format)
        hasher.combine(overwrite)
        hasher.combine(view.filter)
    }
}
