/// Reads what follows an ESC from the terminal, one character at a time, without touching the terminal: the
/// backend feeds it characters as they arrive and acts on the step it returns, so the parsing can be tested alone.
///
/// ncurses turns the escape sequences its terminal description knows into keys; one it does not know (a mouse
/// report while the mouse is off, a key this terminal sends differently) arrives as ESC and then its characters one
/// by one, which would act as keys (`m` ending a mouse release would focus the map). So a CSI (ESC [ … final byte),
/// an SS3 (ESC O x) or a string (ESC ] / P / _ / ^ … BEL or ESC \) that arrived with the ESC is read to its end:
/// the plain keys among them (arrows, Home/End, Page Up/Down, Delete, Shift-Tab, F1–F12, without modifiers) and
/// SGR mouse reports of button 1 and the wheel become events, everything else is dropped. An ESC followed by
/// anything else is the Escape key, and the character after it is to be read again (so Alt-x is Escape, then x).
public struct EscapeSequenceParser: Sendable {
    /// What the backend does next.
    public enum Step: Sendable, Equatable {
        /// Read another character (wait a little for it: the rest of a sequence arrives together).
        case needMore
        /// The ESC came alone: the Escape key. `putBack` is a character read after it, to be read again.
        case escapeKey(putBack: UInt32?)
        /// A whole sequence was read: its event, or nil when it means nothing here (dropped). `putBack` is a
        /// character read past its end, to be read again.
        case sequence(InputEvent?, putBack: UInt32?)
    }

    private enum State: Sendable {
        case start
        case csi
        case ss3
        case string(previousWasEscape: Bool)
        case mouseRest
        case sgrMouseRest
        case x10MouseRest(left: Int)
        case done
    }

    private var state: State
    /// The CSI's parameter and intermediate bytes so far.
    private var parameters: [UInt8] = []
    /// Characters read since the ESC (sequences are bounded: a runaway one is cut off).
    private var count = 0

    /// The longest CSI and string sequences read before giving up on them.
    static let maxCSI = 64
    static let maxString = 4096
    static let maxMouseReport = 32

    /// A parser for what follows an ESC.
    public init() { state = .start }

    /// A parser for the rest of a mouse report whose start (ESC [ < or ESC [ M) ncurses recognised but could not
    /// decode (the mouse is off): an SGR report's digits and semicolons up to its final M or m, or the three bytes
    /// of an X10 report. The report is dropped.
    public static func mouseReportRest() -> EscapeSequenceParser {
        var parser = EscapeSequenceParser()
        parser.state = .mouseRest
        return parser
    }

    /// True before the first character after the ESC: the backend does not wait for it (an ESC alone is a key).
    public var isAtStart: Bool {
        if case .start = state { return true }
        return false
    }

    /// Takes the next character.
    public mutating func feed(_ value: UInt32) -> Step {
        count += 1
        switch state {
        case .start:
            switch value {
            case 0x5B: state = .csi; return .needMore
            case 0x4F: state = .ss3; return .needMore
            case 0x5D, 0x50, 0x5F, 0x5E: state = .string(previousWasEscape: false); return .needMore
            default: return end(.escapeKey(putBack: value))
            }
        case .csi:
            if value >= 0x40 && value <= 0x7E { return end(.sequence(csiEvent(final: value), putBack: nil)) }
            if value < 0x20 || count > Self.maxCSI { return end(.sequence(nil, putBack: nil)) }
            if value < 0x80 { parameters.append(UInt8(value)) }
            return .needMore
        case .ss3:
            return end(.sequence(Self.ss3Event(value), putBack: nil))
        case .string(let previousWasEscape):
            if value == 7 || (previousWasEscape && value == 0x5C) || count > Self.maxString {
                return end(.sequence(nil, putBack: nil))
            }
            state = .string(previousWasEscape: value == 27)
            return .needMore
        case .mouseRest:
            if Self.isReportDigit(value) { state = .sgrMouseRest; return .needMore }
            state = .x10MouseRest(left: 2)
            return .needMore
        case .sgrMouseRest:
            if value == 0x4D || value == 0x6D { return end(.sequence(nil, putBack: nil)) }
            if !Self.isReportDigit(value) { return end(.sequence(nil, putBack: value)) }
            return count > Self.maxMouseReport ? end(.sequence(nil, putBack: nil)) : .needMore
        case .x10MouseRest(let left):
            if left <= 1 { return end(.sequence(nil, putBack: nil)) }
            state = .x10MouseRest(left: left - 1)
            return .needMore
        case .done:
            return .sequence(nil, putBack: value)
        }
    }

    /// Nothing more arrived in time: an ESC alone is the Escape key; a cut-off sequence is dropped.
    public mutating func timedOut() -> Step {
        if case .start = state { return end(.escapeKey(putBack: nil)) }
        return end(.sequence(nil, putBack: nil))
    }

    private mutating func end(_ step: Step) -> Step {
        state = .done
        return step
    }

    private static func isReportDigit(_ value: UInt32) -> Bool { (0x30...0x39).contains(value) || value == 0x3B }

    /// The event of a CSI sequence with these parameters and final byte, nil when sitmon has no use for it.
    private func csiEvent(final: UInt32) -> InputEvent? {
        let text = String(decoding: parameters, as: UTF8.self)
        if text.hasPrefix("<") { return Self.sgrMouse(text.dropFirst(), final: final) }
        switch (final, text) {
        case (0x41, ""): return .key(.up)
        case (0x42, ""): return .key(.down)
        case (0x43, ""): return .key(.right)
        case (0x44, ""): return .key(.left)
        case (0x48, ""): return .key(.home)
        case (0x46, ""): return .key(.end)
        case (0x5A, ""): return .key(.backTab)
        case (0x7E, _):
            switch text {
            case "1", "7": return .key(.home)
            case "4", "8": return .key(.end)
            case "3": return .key(.delete)
            case "5": return .key(.pageUp)
            case "6": return .key(.pageDown)
            case "11", "12", "13", "14", "15": return .key(.function((Int(text) ?? 0) - 10))
            case "17", "18", "19", "20", "21": return .key(.function((Int(text) ?? 0) - 11))
            case "23", "24": return .key(.function((Int(text) ?? 0) - 12))
            default: return nil
            }
        default: return nil
        }
    }

    /// ESC O x: arrows, Home/End and F1–F4 as terminals in application mode send them.
    private static func ss3Event(_ value: UInt32) -> InputEvent? {
        switch value {
        case 0x41: .key(.up)
        case 0x42: .key(.down)
        case 0x43: .key(.right)
        case 0x44: .key(.left)
        case 0x48: .key(.home)
        case 0x46: .key(.end)
        case 0x50...0x53: .key(.function(Int(value) - 0x4F))
        default: nil
        }
    }

    /// An SGR mouse report `<b;x;y` ending in M (press) or m (release), columns and rows counted from 1: button 1
    /// presses and releases and the wheel (64 up, 65 down); motion, other buttons and modifiers give nil.
    private static func sgrMouse(_ text: Substring, final: UInt32) -> InputEvent? {
        guard final == 0x4D || final == 0x6D else { return nil }
        let fields = text.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let button = Int(fields[0]), let column = Int(fields[1]), let row = Int(fields[2]),
            column >= 1, row >= 1
        else { return nil }
        let kind: MouseEvent.Kind
        switch button {
        case 0: kind = final == 0x4D ? .press : .release
        case 64 where final == 0x4D: kind = .wheelUp
        case 65 where final == 0x4D: kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(kind: kind, x: column - 1, y: row - 1))
    }
}
