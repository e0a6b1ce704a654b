import Testing
import SitmonScreen

/// What follows an ESC, parsed without a terminal: keys ncurses left undecoded, mouse reports, Alt-combos, cut-off
/// sequences and garbage. Nothing in a sequence may leak out as keys.
@Suite struct EscapeSequenceParserTests {
    /// Feeds the characters of `text` (after the ESC) until the parser stops; `timesOut` ends the input there.
    /// Returns the final step and how many characters it read.
    func parse(_ text: String, timesOut: Bool = true, parser start: EscapeSequenceParser = EscapeSequenceParser())
        -> (step: EscapeSequenceParser.Step, read: Int)
    {
        var parser = start
        var read = 0
        for scalar in text.unicodeScalars {
            read += 1
            let step = parser.feed(scalar.value)
            if step != .needMore { return (step, read) }
        }
        return (timesOut ? parser.timedOut() : .needMore, read)
    }

    func event(_ text: String) -> InputEvent? {
        if case .sequence(let event, nil) = parse(text).step { return event }
        return nil
    }

    @Test func escapeAloneIsTheEscapeKey() {
        var parser = EscapeSequenceParser()
        #expect(parser.isAtStart)
        #expect(parser.timedOut() == .escapeKey(putBack: nil))
    }

    @Test func arrowsInNormalAndApplicationMode() {
        #expect(event("[A") == .key(.up))
        #expect(event("[B") == .key(.down))
        #expect(event("[C") == .key(.right))
        #expect(event("[D") == .key(.left))
        #expect(event("OA") == .key(.up))
        #expect(event("OD") == .key(.left))
        #expect(event("[H") == .key(.home))
        #expect(event("OF") == .key(.end))
        #expect(event("[Z") == .key(.backTab))
    }

    @Test func modifiedArrowsAreReadWholeAndDropped() {
        // Ctrl-Up: the whole sequence is consumed, so neither `;` nor `5` nor `A` acts as a key.
        #expect(parse("[1;5A") == (.sequence(nil, putBack: nil), 5))
    }

    @Test func functionAndEditingKeys() {
        #expect(event("OP") == .key(.function(1)))
        #expect(event("OS") == .key(.function(4)))
        #expect(event("[15~") == .key(.function(5)))
        #expect(event("[17~") == .key(.function(6)))
        #expect(event("[21~") == .key(.function(10)))
        #expect(event("[24~") == .key(.function(12)))
        #expect(event("[5~") == .key(.pageUp))
        #expect(event("[6~") == .key(.pageDown))
        #expect(event("[3~") == .key(.delete))
        #expect(event("[1~") == .key(.home))
        #expect(event("[4~") == .key(.end))
        #expect(event("[2~") == nil)  // Insert: no use here
        #expect(event("[99~") == nil)
    }

    @Test func sgrMouseReports() {
        #expect(event("[<0;6;8M") == .mouse(MouseEvent(kind: .press, x: 5, y: 7)))
        #expect(event("[<0;6;8m") == .mouse(MouseEvent(kind: .release, x: 5, y: 7)))
        #expect(event("[<64;1;1M") == .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)))
        #expect(event("[<65;120;40M") == .mouse(MouseEvent(kind: .wheelDown, x: 119, y: 39)))
        // Other buttons, motion and malformed reports are read whole and dropped.
        #expect(parse("[<2;6;8M") == (.sequence(nil, putBack: nil), 8))
        #expect(parse("[<32;6;8M") == (.sequence(nil, putBack: nil), 9))
        #expect(event("[<0;0;8M") == nil)
        #expect(event("[<0;6M") == nil)
    }

    @Test func altCombinationsAreEscapeThenTheKey() {
        #expect(parse("x") == (.escapeKey(putBack: UInt32(UInt8(ascii: "x"))), 1))
        #expect(parse("é") == (.escapeKey(putBack: 0xE9), 1))
        // ESC ESC: the first is the Escape key; the second is read again and starts its own sequence.
        #expect(parse("\u{1B}[A") == (.escapeKey(putBack: 27), 1))
    }

    @Test func partialSequencesAreDroppedWhenInputStops() {
        #expect(parse("[", timesOut: false) == (.needMore, 1))
        #expect(parse("[") == (.sequence(nil, putBack: nil), 1))
        #expect(parse("[<0;6") == (.sequence(nil, putBack: nil), 5))
        #expect(parse("O") == (.sequence(nil, putBack: nil), 1))
        #expect(parse("]0;title") == (.sequence(nil, putBack: nil), 8))
    }

    @Test func stringsAreReadToTheirTerminator() {
        // OSC ended by BEL, DCS ended by ESC \: nothing after the terminator is consumed.
        #expect(parse("]0;title\u{07}q") == (.sequence(nil, putBack: nil), 9))
        #expect(parse("P1$r\u{1B}\\q") == (.sequence(nil, putBack: nil), 6))
        #expect(parse("_x\u{1B}x\u{07}") == (.sequence(nil, putBack: nil), 5))
    }

    @Test func garbageIsBounded() {
        // A CSI that never ends stops after 64 characters; a control character ends it at once.
        let long = "[" + String(repeating: "1", count: 200)
        #expect(parse(long) == (.sequence(nil, putBack: nil), 65))
        #expect(parse("[12\u{01}A") == (.sequence(nil, putBack: nil), 4))
        let string = "]" + String(repeating: "a", count: 5000)
        #expect(parse(string) == (.sequence(nil, putBack: nil), 4097))
        // Past the end, anything fed is handed back.
        var parser = EscapeSequenceParser()
        _ = parser.feed(0x5B)
        _ = parser.feed(0x41)
        #expect(parser.feed(0x41) == .sequence(nil, putBack: 0x41))
    }

    @Test func restOfAMouseReportNcursesCouldNotDecode() {
        let rest = EscapeSequenceParser.mouseReportRest()
        #expect(parse("0;6;8m", parser: rest) == (.sequence(nil, putBack: nil), 6))
        // A character that cannot be in the report is handed back, to be read as a key.
        #expect(parse("0;6q", parser: rest) == (.sequence(nil, putBack: UInt32(UInt8(ascii: "q"))), 4))
        // X10: three bytes, whatever they are.
        #expect(parse(" !\"j", parser: rest) == (.sequence(nil, putBack: nil), 3))
        #expect(parse(String(repeating: "1", count: 40), parser: rest) == (.sequence(nil, putBack: nil), 33))
    }
}
