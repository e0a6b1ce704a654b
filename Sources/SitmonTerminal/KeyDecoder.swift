import CNcursesw
import SitmonScreen

/// Maps what `wget_wch` and `getmouse` return to `InputEvent`s. Pure functions, apart from reading ncurses
/// constants, so that the mapping can be tested without a terminal.
enum KeyDecoder {
    /// The event for a key code (`wget_wch` returned `KEY_CODE_YES`). `KEY_RESIZE` and `KEY_MOUSE` are handled
    /// by the caller; unknown codes give nil.
    static func event(forKeyCode code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_HOME, KEY_FIND, KEY_A1: return .key(.home)
        case KEY_END, KEY_SELECT, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_F0 + 1...KEY_F0 + 63: return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    /// The event for a character (`wget_wch` returned `OK`). Control characters other than the ones with a
    /// key of their own become `.control(letter)`; NUL, the other C0/C1 controls and invalid values give nil.
    static func event(forCharacter value: UInt32) -> InputEvent? {
        switch value {
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26:
            let letter = Character(Unicode.Scalar(UInt8(96 + value)))
            return .key(.control(letter))
        case 0, 28...31, 0x80..<0xA0:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// The events for a mouse report: button 1 press and release, wheel up (button 4) and wheel down
    /// (button 5). A click (a press and a release that ncurses merged because they arrived together) gives a
    /// press then a release; a double or triple click, two or three such pairs. Other reports give no event.
    static func events(forMouseState state: mmask_t, x: Int, y: Int) -> [InputEvent] {
        func event(_ kind: MouseEvent.Kind) -> InputEvent { .mouse(MouseEvent(kind: kind, x: x, y: y)) }
        if state & sitmon_button4_pressed() != 0 { return [event(.wheelUp)] }
        if sitmon_button5_pressed() != 0 && state & sitmon_button5_pressed() != 0 { return [event(.wheelDown)] }
        let clicks =
            state & sitmon_button1_triple_clicked() != 0
            ? 3
            : state & sitmon_button1_double_clicked() != 0
                ? 2
                : state & sitmon_button1_clicked() != 0 ? 1 : 0
        if clicks > 0 { return Array(repeatElement([event(.press), event(.release)], count: clicks).joined()) }
        if state & sitmon_button1_pressed() != 0 { return [event(.press)] }
        if state & sitmon_button1_released() != 0 { return [event(.release)] }
        return []
    }
}
