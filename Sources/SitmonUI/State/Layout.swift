import SitmonScreen

/// Where everything goes for a terminal size: the boxes of the panes and the rows each shows. Pure geometry, not
/// drawing: `AppState` keeps the layout of its size, focus and map slot (recomputed when one of them changes, as
/// glow's `setSize`), `update` reads it to page, clamp scrolling and map mouse clicks, and `render` draws into it.
///
/// - wide (≥ 120 × 24): actors, timeline and regions side by side; below them the map (left) and the detail;
/// - medium (≥ 80 × 20): a 2 × 2 grid; the regions and the map share the bottom-left slot (`mapSlot`);
/// - narrow: one pane at a time under a tab bar;
/// - below 40 × 10: "terminal too small".
public struct Layout: Sendable {
    public enum Mode: Sendable { case wide, medium, narrow, tooSmall }

    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public let mode: Mode
    public let width: Int
    public let height: Int
    /// Header rows: title and counts, then the filter chips.
    public let header: Rect
    public let footer: Rect
    /// The tab bar in narrow mode.
    public let tabs: Rect?
    /// The rectangle (with border) of each visible pane.
    public let panes: [Pane: Rect]

    /// `mapSlot`: the pane (regions or map) shown in the slot the two share in the medium layout.
    public init(width: Int, height: Int, focus: Pane, mapSlot: MapSlot = .regions) {
        self.width = width
        self.height = height
        header = Rect(x: 0, y: 0, width: width, height: 2)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyTop = 2
        let bodyHeight = height - 3
        if width < Layout.minimumWidth || height < Layout.minimumHeight {
            mode = .tooSmall
            tabs = nil
            panes = [:]
        } else if width >= 120 && height >= 24 {
            mode = .wide
            tabs = nil
            let topHeight = max(8, bodyHeight / 2)
            let actorsWidth = max(32, width * 26 / 100)
            let regionsWidth = max(44, width * 36 / 100)
            let timelineWidth = width - actorsWidth - regionsWidth
            let bottomHeight = bodyHeight - topHeight
            // The map keeps Mali's proportions: about twice as many columns as rows, plus room for labels.
            let mapWidth = min(width / 2, max(40, bottomHeight * 4 + 6))
            panes = [
                .actors: Rect(x: 0, y: bodyTop, width: actorsWidth, height: topHeight),
                .timeline: Rect(x: actorsWidth, y: bodyTop, width: timelineWidth, height: topHeight),
                .regions: Rect(x: actorsWidth + timelineWidth, y: bodyTop, width: regionsWidth, height: topHeight),
                .map: Rect(x: 0, y: bodyTop + topHeight, width: mapWidth, height: bottomHeight),
                .detail: Rect(x: mapWidth, y: bodyTop + topHeight, width: width - mapWidth, height: bottomHeight),
            ]
        } else if width >= 80 && height >= 20 {
            mode = .medium
            tabs = nil
            let leftWidth = width * 2 / 5
            let rightWidth = width - leftWidth
            let topHeight = bodyHeight / 2
            let bottomHeight = bodyHeight - topHeight
            panes = [
                .actors: Rect(x: 0, y: bodyTop, width: leftWidth, height: topHeight),
                .timeline: Rect(x: leftWidth, y: bodyTop, width: rightWidth, height: topHeight),
                mapSlot.pane: Rect(
                    x: 0, y: bodyTop + topHeight, width: leftWidth,
                    height: bottomHeight),
                .detail: Rect(x: leftWidth, y: bodyTop + topHeight, width: rightWidth, height: bottomHeight),
            ]
        } else {
            mode = .narrow
            tabs = Rect(x: 0, y: bodyTop, width: width, height: 1)
            panes = [focus: Rect(x: 0, y: bodyTop + 1, width: width, height: bodyHeight - 1)]
        }
    }

    /// Rows above the list inside a pane's border: the timeline's histogram, the regions' column header.
    public func listOffset(_ pane: Pane) -> Int {
        guard let rect = panes[pane] else { return 0 }
        switch pane {
        case .timeline: return rect.inner.height >= 8 ? 2 : 0
        case .regions: return rect.inner.height >= 4 ? 1 : 0
        case .actors, .detail, .map: return 0
        }
    }

    /// The rectangle of a pane's list rows.
    public func listRect(_ pane: Pane) -> Rect? {
        guard let rect = panes[pane] else { return nil }
        let inner = rect.inner
        let offset = listOffset(pane)
        return Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: inner.height - offset)
    }

    /// Rows a pane shows at once (at least 1, so paging always moves).
    public func listHeight(_ pane: Pane) -> Int {
        max(1, listRect(pane)?.height ?? (height - 6))
    }

    /// The detail pane's text width (when the pane is hidden, the width it would have on its own).
    public var detailWidth: Int { max(1, (panes[.detail]?.inner.width ?? (width - 2)) - 1) }

    /// The cells the map is drawn in: the map pane's inside, less the legend row when there is room for one.
    public var mapArea: Rect? {
        guard let inner = panes[.map]?.inner, inner.width > 0, inner.height > 0 else { return nil }
        guard Layout.mapHasLegend(inner) else { return inner }
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
    }

    /// Whether a map pane with this inside has a legend row.
    static func mapHasLegend(_ inner: Rect) -> Bool { inner.height >= 8 }
}

/// The slot the regions pane and the map share in the medium layout: it shows the one focused last.
public enum MapSlot: Sendable, Hashable {
    case regions, map

    /// The pane in the slot.
    public var pane: Pane { self == .map ? .map : .regions }

    /// The slot a pane takes, or nil for a pane outside it.
    public init?(_ pane: Pane) {
        switch pane {
        case .regions: self = .regions
        case .map: self = .map
        case .actors, .timeline, .detail: return nil
        }
    }
}
