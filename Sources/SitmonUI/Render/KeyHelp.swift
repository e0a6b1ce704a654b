import SitmonScreen

/// The keys of the monitor, as shown by `?` (docs/keys.md lists the defaults). The key column shows the effective
/// keys of the keymap, so a remapped key shows where it now is.
public enum KeyHelp {
    /// A line of the help: the commands it describes (their keys make the key column), or a fixed key text.
    struct Entry {
        var commands: [Command]
        var fixedKeys: String?
        var action: String

        init(_ commands: [Command], _ action: String) {
            self.commands = commands
            self.action = action
        }

        init(fixed: String, _ action: String) {
            commands = []
            fixedKeys = fixed
            self.action = action
        }
    }

    /// The width of the key column.
    static let keyWidth = 18

    static let layout: [(title: String, entries: [Entry])] = [
        ("Panes", [
            Entry([.nextPane, .previousPane], "next / previous pane"),
            Entry([.focusActors, .focusTimeline, .focusRegions, .focusDetail, .focusMap],
                  "Actors, Timeline, Regions, Detail, Map"),
            Entry([.up, .down], "move the selection (scroll the detail)"),
            Entry([.pageUp, .pageDown], "a page up / down"),
            Entry([.first, .last], "first / last row"),
            Entry([.activate], "toggle the selected actor or region in the filter; timeline: open the detail"),
            Entry([.back], "back: from Detail to the pane it came from (Esc too)"),
            Entry([.hideEmptyRegions], "Regions: hide / show the regions with nothing in view"),
        ]),
        ("Map", [
            Entry(fixed: "← → ↑ ↓ h l k j", "select the nearest region marker in that direction"),
            Entry(fixed: "Enter on the map", "add the selected region to the filter (again removes it), like Regions"),
            Entry(fixed: "click on the map", "select the nearest marker; click the selected one to toggle it"),
        ]),
        ("Filter", [
            Entry([.pickActor], "pick an actor (fuzzy search), Enter toggles it and selects it in Actors"),
            Entry([.pickRegion], "pick a region (fuzzy search), Enter toggles it and selects it in Regions and Map"),
            Entry([.textFilter], "filter by text: every pane narrows as you type (Enter keeps, Esc cancels)"),
            Entry([.dates], "date range (YYYY, YYYY-MM or YYYY-MM-DD; empty = open)"),
            Entry([.timelineZoom], "zoomable timeline: + − zoom, Space brushes a range, Enter sets the dates"),
            Entry([.clear], "clear all filters"),
            Entry([.undo, .redo], "undo / redo the last filter change (the message names the step)"),
        ]),
        ("Find and order", [
            Entry([.search], "find in the focused pane: matches lit, “n of m” (Enter keeps, Esc cancels)"),
            Entry([.searchNext, .searchPrevious], "next / previous match"),
            Entry([.sort], "cycle the sort of the focused pane"),
            Entry([.relations], "relations of the selected actor: hierarchy, allies, rivals, who it deposed or sanctioned; Enter opens the related actor, Backspace goes back, f filters by it"),
        ]),
        ("Views", [
            Entry([.saveView], "save the current view (filters, pane, sorts, selection) under a name"),
            Entry([.openView], "list the saved views with filter and date: Enter opens, d deletes, r renames"),
        ]),
        ("Other", [
            Entry([.export], "export the current view: CSV, JSON or Markdown (Tab changes format; ~/ is home)"),
            Entry([.help], "this help (↑ ↓ scroll it; other keys close it)"),
            Entry([.quit], "quit (Ctrl-C also quits)"),
            Entry(fixed: "mouse", "click selects and focuses, the wheel scrolls (--no-mouse turns it off)"),
        ]),
    ]

    /// The sections of the help with the keys of `keymap`: (key column, action) per line.
    public static func sections(for keymap: Keymap) -> [(title: String, keys: [(key: String, action: String)])] {
        layout.map { section in
            (section.title, section.entries.map { entry in
                if let fixed = entry.fixedKeys { return (fixed, entry.action) }
                let (keys, also) = keyColumn(entry.commands, keymap)
                return (keys, entry.action + (also.isEmpty ? "" : " (also \(also))"))
            })
        }
    }

    /// The key column of commands and the keys that did not fit in it. One command: its keys separated by ` / `.
    /// Several: the first key of each, then the second of each, ... separated by spaces; when that is wider than
    /// the column, the first keys separated by ` / ` and the rest after "also".
    static func keyColumn(_ commands: [Command], _ keymap: Keymap) -> (String, String) {
        let keys = commands.map { keymap.keys(for: $0).map(KeyName.display) }
        if commands.count == 1 {
            let all = keys[0]
            if all.isEmpty { return ("(no key)", "") }
            let joined = all.joined(separator: " / ")
            if TerminalText.width(of: joined) <= keyWidth { return (joined, "") }
            return (all[0], all.dropFirst().joined(separator: " "))
        }
        var interleaved: [String] = []
        for rank in 0..<(keys.map(\.count).max() ?? 0) {
            for list in keys where rank < list.count { interleaved.append(list[rank]) }
        }
        let joined = interleaved.joined(separator: " ")
        if TerminalText.width(of: joined) <= keyWidth && keys.allSatisfy({ !$0.isEmpty }) { return (joined, "") }
        let firsts = keys.map { $0.first ?? "—" }.joined(separator: " / ")
        var rest: [String] = []
        for rank in 1..<max(1, keys.map(\.count).max() ?? 1) {
            for list in keys where rank < list.count { rest.append(list[rank]) }
        }
        return (firsts, rest.joined(separator: " "))
    }
}
