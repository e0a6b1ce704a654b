@testable import SitmonUI

/// The state of each overlay while it is open, else nil: what the tests look into.
extension AppState {
    var openPicker: PickerState? { if case .picker(let p) = overlay { p } else { nil } }
    var openDateRange: DateRangeState? { if case .dateRange(let d) = overlay { d } else { nil } }
    var openExport: ExportDialogState? { if case .export(let d) = overlay { d } else { nil } }
    var openSearch: SearchState? { if case .search(let s) = overlay { s } else { nil } }
    var openTimelineZoom: TimelineZoomState? { if case .timelineZoom(let z) = overlay { z } else { nil } }
    var openRelations: RelationsState? { if case .relations(let r) = overlay { r } else { nil } }
}
