/// The keys of the monitor, as shown by `?` (docs/keys.md lists the same).
public enum KeyHelp {
    public static let sections: [(title: String, keys: [(key: String, action: String)])] = [
        ("Panes", [
            ("Tab / Shift-Tab", "next / previous pane (also → ← l h, except on the map)"),
            ("1 2 3 4 5", "Actors, Timeline, Regions, Detail, Map (m also focuses the map)"),
            ("↑ ↓ j k", "move the selection (scroll the detail)"),
            ("PgUp PgDn", "a page up / down (also Space, Ctrl-F, Ctrl-B)"),
            ("g G Home End", "first / last row"),
            ("Enter", "add the selected actor or region to the filter (again removes it); timeline: open detail"),
        ]),
        ("Map", [
            ("← → ↑ ↓ h l k j", "select the nearest region marker in that direction"),
            ("Enter on the map", "add the selected region to the filter (again removes it), like Regions"),
            ("click on the map", "select the nearest marker; click the selected one to toggle it"),
        ]),
        ("Filter", [
            ("a", "pick an actor (fuzzy search), Enter toggles it"),
            ("r", "pick a region (fuzzy search), Enter toggles it"),
            ("d", "date range (YYYY, YYYY-MM or YYYY-MM-DD; empty = open)"),
            ("z", "zoomable timeline: ← → move, + − zoom year / month / week, Space brushes a range, Enter sets the dates"),
            ("c", "clear all filters"),
            ("u / Backspace", "undo the last filter change"),
        ]),
        ("Find and order", [
            ("/", "search the focused pane as you type (Enter keeps, Esc cancels)"),
            ("n / N", "next / previous match"),
            ("s", "cycle the sort of the focused pane"),
            ("R", "relations of the selected actor: hierarchy, allies, rivals, who it deposed or sanctioned; Enter opens the related actor, Backspace goes back, f filters by it"),
        ]),
        ("Other", [
            ("e", "export the current view: CSV, JSON or Markdown (Tab changes format)"),
            ("?", "this help (↑ ↓ scroll it; other keys close it)"),
            ("q / Ctrl-C", "quit"),
            ("mouse", "click selects and focuses, the wheel scrolls (--no-mouse turns it off)"),
        ]),
    ]
}
