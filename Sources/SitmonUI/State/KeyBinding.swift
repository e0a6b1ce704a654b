import SitmonScreen

/// One line of the key table (`KeyBindings.all`): its keys, what they do in a few words, where the help and
/// docs/keys.md show it, and the footer hints it gives in each pane or dialog.
public struct KeyBinding: Sendable {
    /// The keys of a line: a normal-mode command with its default keys (remappable in the configuration file), or
    /// fixed keys written as shown (`Esc`, `← → (h l)`, `click on the map`).
    public enum Keys: Sendable {
        case command(Command, [Key])
        case fixed(String)
    }

    /// The text of a line in the help or the docs.
    public enum Text: Sendable {
        /// Not shown there.
        case hidden
        /// A line of its own with this text.
        case line(String)
        /// On the line of the entry before: its keys join that line's key column (`Tab / Shift-Tab`).
        case withPrevious
    }

    public let keys: Keys
    /// The section of the help and of docs/keys.md, or nil for the keys of a dialog shown only in the footer.
    public let section: KeySection?
    /// What the command does, in a few words (`sitmon config show`, `Command.summary`); empty for fixed keys.
    public let summary: String
    /// The line of the help (`?`).
    public let help: Text
    /// The line of docs/keys.md: nil when it is the help's.
    public let doc: Text?
    /// The footer hints this line gives.
    public let footer: [FooterHint]

    /// The command of the line, or nil for fixed keys.
    public var command: Command? {
        if case .command(let command, _) = keys { return command }
        return nil
    }

    /// The line in docs/keys.md.
    var docText: Text { doc ?? help }

    /// A command and its default keys.
    static func command(
        _ command: Command, _ keys: [Key], _ section: KeySection, summary: String, help: Text,
        doc: Text? = nil, footer: [FooterHint] = []
    ) -> KeyBinding {
        KeyBinding(
            keys: .command(command, keys), section: section, summary: summary, help: help, doc: doc,
            footer: footer)
    }

    /// Keys that cannot be remapped, as shown in the key column.
    static func fixed(
        _ keys: String, _ section: KeySection?, help: Text = .hidden, doc: Text? = nil,
        footer: [FooterHint] = []
    ) -> KeyBinding {
        KeyBinding(keys: .fixed(keys), section: section, summary: "", help: help, doc: doc, footer: footer)
    }
}

/// A section of the help and of docs/keys.md, in their order.
public enum KeySection: String, Sendable, CaseIterable {
    case panes = "Panes"
    case map = "Map"
    case filter = "Filter"
    case find = "Find and order"
    /// The zoomable timeline's own keys (docs only: the footer shows them while it is open).
    case zoom = "Zoomable timeline"
    /// The relations view's own keys (docs only, as `zoom`).
    case relations = "Relations"
    case views = "Views"
    case other = "Other"

    /// The name of the section's table in docs/keys.md (`<!-- keys: panes -->`).
    public var docName: String {
        switch self {
        case .panes: "panes"
        case .map: "map"
        case .filter: "filter"
        case .find: "find"
        case .zoom: "zoom"
        case .relations: "relations"
        case .views: "views"
        case .other: "other"
        }
    }
}

/// Where the footer shows hints: a pane in normal mode (its own hints, then the tail), or an open dialog.
public enum FooterPlace: Sendable, Hashable {
    case pane(Pane)
    /// After the hints of every pane; always shown.
    case tail
    case dialog(DialogMode)
}

/// An open dialog as far as its footer hints go: a dialog with a confirmation or several modes has one per mode.
public enum DialogMode: Sendable, Hashable, CaseIterable {
    case help, picker, dateRange, export, exportConfirm, timelineZoom, relations, saveView, saveViewConfirm
    case openView, openViewConfirmDelete, openViewRename
}

/// A footer hint: the key shown and the label after it (`R relations`), and its rank in each place (lower first).
public struct FooterHint: Sendable {
    /// The key text of a hint.
    public enum KeyText: Sendable {
        /// The first effective key of the line's command; no hint when it has none.
        case primary
        /// The first effective keys of these commands, joined (`↑↓`); no hint when one has none.
        case joined([Command])
        /// This text, always.
        case text(String)
    }

    /// A place and a rank in it.
    public struct Slot: Sendable {
        public let place: FooterPlace
        public let rank: Int

        static func pane(_ pane: Pane, _ rank: Int) -> Slot { Slot(place: .pane(pane), rank: rank) }
        static func actors(_ rank: Int) -> Slot { .pane(.actors, rank) }
        static func timeline(_ rank: Int) -> Slot { .pane(.timeline, rank) }
        static func regions(_ rank: Int) -> Slot { .pane(.regions, rank) }
        static func detail(_ rank: Int) -> Slot { .pane(.detail, rank) }
        static func map(_ rank: Int) -> Slot { .pane(.map, rank) }
        static func tail(_ rank: Int) -> Slot { Slot(place: .tail, rank: rank) }
        static func dialog(_ mode: DialogMode, _ rank: Int) -> Slot { Slot(place: .dialog(mode), rank: rank) }
    }

    public let key: KeyText
    /// The label; `labelWhenRegionsHidden` replaces it while the empty regions are hidden (`H`).
    public let label: String
    public let labelWhenRegionsHidden: String?
    public let slots: [Slot]

    /// A hint with the line's primary key.
    static func hint(_ label: String, _ slots: Slot..., whenRegionsHidden: String? = nil) -> FooterHint {
        FooterHint(key: .primary, label: label, labelWhenRegionsHidden: whenRegionsHidden, slots: slots)
    }

    /// A hint with its own key text.
    static func hint(_ key: KeyText, _ label: String, _ slots: Slot...) -> FooterHint {
        FooterHint(key: key, label: label, labelWhenRegionsHidden: nil, slots: slots)
    }
}
