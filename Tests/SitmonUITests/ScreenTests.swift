#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import SitmonScreen

/// The in-memory grid and the safe-text rules every string goes through before it reaches a terminal.
@Suite("Screen and TerminalText")
struct ScreenTests {
    // MARK: Wide characters

    @Test func wideCharacterTakesTwoCells() {
        var screen = Screen(width: 8, height: 1)
        let written = screen.write("a漢b", x: 0, y: 0)
        #expect(written == 4)
        #expect(screen[0, 0].text == "a" && screen[0, 0].width == 1)
        #expect(screen[1, 0].text == "漢" && screen[1, 0].width == 2)
        #expect(screen[2, 0].text == "" && screen[2, 0].width == 0)
        #expect(screen[3, 0].text == "b" && screen[3, 0].width == 1)
        #expect(screen.lines() == ["a漢b    "])
        #expect(screen.displayWidth(row: 0) == 8)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        // Two rows of different scripts: the column after the same display width lines up.
        var screen = Screen(width: 12, height: 2)
        screen.write("漢字|", x: 0, y: 0)
        screen.write("abcd|", x: 0, y: 1)
        #expect(screen[4, 0].text == "|")
        #expect(screen[4, 1].text == "|")
        for y in 0..<2 { #expect(screen.displayWidth(row: y) == 12) }
        #expect(screen.structuralProblems().isEmpty)
        #expect(screen.write("🇲🇱👍🏽x", x: 0, y: 1) == TerminalText.width(of: "🇲🇱👍🏽x"))
        #expect(screen.structuralProblems().isEmpty)
    }

    @Test func wideCharacterThatDoesNotFitIsNotHalfDrawn() {
        var screen = Screen(width: 5, height: 1)
        let written = screen.write("abcd漢", x: 0, y: 0)
        #expect(written == 4)
        #expect(screen[4, 0] == .blank)
        var clipped = Screen(width: 10, height: 1)
        #expect(clipped.write("漢字", x: 0, y: 0, maxWidth: 3) == 2)
        #expect(clipped.lines() == ["漢        "])
        #expect(clipped.structuralProblems().isEmpty)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.write("漢字", x: 0, y: 0)
        screen.write("x", x: 1, y: 0)  // the continuation of 漢
        #expect(screen.lines() == [" x字  "])
        screen.write("y", x: 2, y: 0)  // the lead of 字
        #expect(screen.lines() == [" xy   "])
        #expect(screen.structuralProblems().isEmpty)
        var shifted = Screen(width: 6, height: 1)
        shifted.write("漢字", x: 0, y: 0)
        shifted.write("語", x: 1, y: 0)  // straddles both
        #expect(shifted.lines() == [" 語   "])
        #expect(shifted.structuralProblems().isEmpty)
        for y in 0..<1 { #expect(shifted.displayWidth(row: y) == 6) }
    }

    /// `fill` (used to clear the box under every dialog) must not leave half a wide character behind.
    @Test func fillOverHalfAWideCharacterKeepsColumnsAligned() {
        var overContinuation = Screen(width: 6, height: 1)
        overContinuation.write("漢字", x: 0, y: 0)
        overContinuation.fill(Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(overContinuation.structuralProblems().isEmpty, "\(overContinuation.structuralProblems())")
        #expect(overContinuation.lines() == ["  字  "])

        var overLead = Screen(width: 6, height: 1)
        overLead.write("漢字", x: 0, y: 0)
        overLead.fill(Rect(x: 2, y: 0, width: 1, height: 1))
        #expect(overLead.structuralProblems().isEmpty, "\(overLead.structuralProblems())")
        #expect(overLead.lines() == ["漢    "])
    }

    // MARK: Clipping

    @Test func writesOutsideTheGridAreClipped() {
        var screen = Screen(width: 5, height: 3)
        #expect(screen.write("hello", x: 0, y: -1) == 0)
        #expect(screen.write("hello", x: 0, y: 3) == 0)
        #expect(screen.write("hello", x: 5, y: 0) == 0)
        #expect(screen.write("hello", x: 100, y: 1) == 0)
        #expect(screen.write("hello", x: Int.max, y: Int.max) == 0)
        #expect(screen.write("hello", x: Int.min / 2, y: 1) >= 0)
        #expect(screen.write("hello", x: 3, y: 2) == 2)
        #expect(screen.lines() == ["     ", "     ", "   he"])
        #expect(screen.write("hello", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(screen.write("hello", x: 0, y: 0, maxWidth: -3) == 0)
        #expect(screen.lines()[0] == "     ")
        #expect(screen[-1, 0] == .blank && screen[0, -1] == .blank && screen[5, 0] == .blank && screen[0, 3] == .blank)
    }

    @Test func writeAtNegativeXShowsTheVisibleTail() {
        var screen = Screen(width: 5, height: 1)
        screen.write("abcdefgh", x: -3, y: 0)
        #expect(screen[0, 0].text == "d")
        // A wide character cut by the left edge is not drawn at all (no half character).
        var wide = Screen(width: 4, height: 1)
        wide.write("漢ab", x: -1, y: 0)
        #expect(wide.structuralProblems().isEmpty)
        #expect(wide[1, 0].text == "a" && wide[2, 0].text == "b")
    }

    /// A write starting left of the screen should fill the screen to its right edge.
    @Test func writeAtNegativeXReachesTheRightEdge() {
        var screen = Screen(width: 10, height: 1)
        screen.write("ABCDEFGHIJKLMNOPQRST", x: -5, y: 0)
        #expect(screen.lines() == ["FGHIJKLMNO"])
    }

    @Test func fillAndRestyleClipAtEveryEdge() {
        var screen = Screen(width: 4, height: 3)
        screen.fill(Rect(x: -10, y: -10, width: 100, height: 100), character: "#")
        #expect(screen.lines() == ["####", "####", "####"])
        screen.fill(Rect(x: 3, y: 2, width: 5, height: 5), character: ".")
        #expect(screen.lines() == ["####", "####", "###."])
        screen.fill(Rect(x: 10, y: 0, width: 5, height: 5))
        screen.fill(Rect(x: 0, y: 0, width: -5, height: 2))
        screen.fill(Rect(x: 0, y: 0, width: 2, height: 0))
        #expect(screen.lines() == ["####", "####", "###."])
        screen.restyle(Rect(x: -2, y: -2, width: 3, height: 3)) { $0.bold = true }
        #expect(screen[0, 0].style.bold && !screen[1, 0].style.bold && !screen[0, 1].style.bold)
        screen.restyle(Rect(x: 3, y: 2, width: 9, height: 9)) { $0.reverse = true }
        #expect(screen[3, 2].style.reverse && screen[3, 2].text == ".")
        screen.restyle(Rect(x: 4, y: 0, width: 9, height: 9)) { $0.dim = true }
        #expect(!screen.cells.contains { $0.style.dim })
    }

    @Test(arguments: [(0, 0), (1, 1), (0, 5), (5, 0), (-3, -3)])
    func degenerateScreens(width: Int, height: Int) {
        var screen = Screen(width: width, height: height)
        #expect(screen.width == max(0, width) && screen.height == max(0, height))
        #expect(screen.cells.count == max(0, width) * max(0, height))
        screen.write("漢字 text", x: 0, y: 0)
        screen.write("漢", x: screen.width - 1, y: 0)
        screen.fill(Rect(x: 0, y: 0, width: 3, height: 3))
        screen.restyle(Rect(x: 0, y: 0, width: 3, height: 3)) { $0.bold = true }
        #expect(screen.lines().count == screen.height)
        #expect(screen.structuralProblems().isEmpty)
    }

    /// Every write position around a small grid, with wide and narrow text: never a crash, never a broken grid.
    /// `background` is what the grid holds before the write.
    static func sweep(background: String) -> [String] {
        let texts = ["", "x", "hello world", "漢字テキスト", "a漢b字c", "é\u{301}e\u{301}", "\u{1B}[31m", "🇲🇱 ok"]
        var failures: [String] = []
        for width in 0...4 {
            for height in 0...3 {
                for text in texts {
                    for x in -8...6 {
                        for y in -2...4 {
                            for maxWidth in [nil, -1, 0, 1, 3, 100] as [Int?] {
                                var screen = Screen(width: width, height: height)
                                for row in 0..<height { screen.write(background, x: 0, y: row) }
                                let written = screen.write(text, x: x, y: y, maxWidth: maxWidth)
                                if written < 0 || written > max(0, maxWidth ?? Int.max) {
                                    failures.append("\(width)×\(height) “\(text)” at (\(x), \(y)) wrote \(written)")
                                }
                                let problems = screen.structuralProblems()
                                if !problems.isEmpty {
                                    failures.append(
                                        "\(width)×\(height) over “\(background)”: “\(text)” at (\(x), \(y)) max "
                                            + "\(String(describing: maxWidth)): \(problems)")
                                }
                            }
                        }
                    }
                }
            }
        }
        return failures
    }

    @Test func clippingSweepOverNarrowText() {
        let failures = Self.sweep(background: "abcdefgh")
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    @Test func clippingSweepOverWideText() {
        let failures = Self.sweep(background: "漢字漢字")
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(3))")
    }

    /// Drawing the same wide character twice at the same place must leave it there.
    @Test func rewritingAWideCharacterInPlace() {
        var screen = Screen(width: 4, height: 1)
        screen.write("漢", x: 0, y: 0)
        screen.write("字", x: 0, y: 0)
        #expect(screen.lines() == ["字  "])
        #expect(screen.structuralProblems().isEmpty, "\(screen.structuralProblems())")
        var twice = Screen(width: 6, height: 1)
        twice.write("a漢字", x: 0, y: 0)
        twice.write("a漢字", x: 0, y: 0)
        #expect(twice.lines() == ["a漢字 "])
    }

    @Test func textAndLines() {
        var screen = Screen(width: 6, height: 3)
        screen.write("ab", x: 0, y: 0)
        screen.write("c", x: 5, y: 2)
        #expect(screen.lines() == ["ab    ", "      ", "     c"])
        #expect(screen.text == "ab\n\n     c")
    }

    // MARK: Sanitising

    @Test(arguments: [
        ("\u{1B}[2J", "␛[2J"),
        ("bell\u{07}", "bell␇"),
        ("back\u{08}space", "back␈space"),
        ("nul\u{00}", "nul␀"),
        ("del\u{7F}", "del␡"),
        ("csi\u{9B}31m", "csi\u{FFFD}31m"),
        ("nel\u{85}x", "nel\u{FFFD}x"),
        ("osc\u{9D}", "osc\u{FFFD}"),
        ("abc\u{202E}cba", "abc\u{FFFD}cba"),
        ("\u{2066}iso\u{2069}", "\u{FFFD}iso\u{FFFD}"),
        ("lrm\u{200E}rlm\u{200F}alm\u{061C}", "lrm\u{FFFD}rlm\u{FFFD}alm\u{FFFD}"),
        ("a\nb", "a b"),
        ("a\tb", "a b"),
        ("a\rb", "a b"),
        ("Goïta Ségou Ménaka", "Goïta Ségou Ménaka"),
    ])
    func sanitising(input: String, expected: String) {
        let safe = TerminalText.sanitized(input)
        #expect(safe == expected)
        #expect(!safe.unicodeScalars.contains(where: TerminalText.isUnsafe))
    }

    @Test func everyControlScalarIsNeutralised() {
        var unsafe: [Unicode.Scalar] = (0..<0x20).compactMap(Unicode.Scalar.init) + ["\u{7F}"]
        unsafe += (0x80..<0xA0).compactMap(Unicode.Scalar.init)
        unsafe += (0x202A...0x202E).compactMap(Unicode.Scalar.init) + (0x2066...0x2069).compactMap(Unicode.Scalar.init)
        unsafe += ["\u{200E}", "\u{200F}", "\u{061C}"]
        for scalar in unsafe {
            #expect(TerminalText.isUnsafe(scalar))
            let safe = TerminalText.sanitized("x" + String(Character(scalar)) + "y")
            #expect(!safe.unicodeScalars.contains(where: TerminalText.isUnsafe), "U+\(String(scalar.value, radix: 16))")
            #expect(safe.unicodeScalars.count == 3)
        }
        for safe in ["a", "é", "漢", "…", "─", "\u{301}"] as [Unicode.Scalar] { #expect(!TerminalText.isUnsafe(safe)) }
    }

    @Test func screenNeverStoresControlCharacters() {
        var screen = Screen(width: 40, height: 1)
        screen.write("\u{1B}]0;pwned\u{07}\u{9B}2J\u{202E}evil\nline\ttab", x: 0, y: 0)
        #expect(screen.structuralProblems().isEmpty)
        #expect(screen.lines()[0].hasPrefix("␛]0;pwned␇\u{FFFD}2J\u{FFFD}evil line tab"))
        screen.fill(Rect(x: 0, y: 0, width: 2, height: 1), character: "\u{1B}")
        #expect(screen.structuralProblems().isEmpty, "\(screen.structuralProblems())")
        #expect(screen.lines()[0].hasPrefix("␛␛0;pwned"), "fill shows its character as write would")
        // A wide fill character cannot fill one cell: the rectangle is blanked instead.
        screen.fill(Rect(x: 0, y: 0, width: 2, height: 1), character: "漢")
        #expect(screen.structuralProblems().isEmpty, "\(screen.structuralProblems())")
        #expect(screen.lines()[0].hasPrefix("  0;pwned"))
    }

    // MARK: Widths

    @Test(arguments: [
        ("", 0), ("abc", 3), ("Goïta", 5), ("漢字", 4), ("a漢b", 4), ("e\u{301}", 1), ("e\u{301}\u{302}x", 2),
        ("\u{301}", 0), ("👍", 2), ("👍🏽", 2), ("❤️", 2), ("👨‍👩‍👧", 2), ("…", 1), ("─│┌", 3), ("ｆｕｌｌ", 8),
        ("한국어", 6), ("\u{200B}", 0),
    ])
    func widths(text: String, expected: Int) {
        #expect(TerminalText.width(of: text) == expected)
    }

    @Test func combiningMarksStayWithTheirBase() {
        var screen = Screen(width: 6, height: 1)
        // Decomposed é (e + U+0301) twice, then x: three columns, the marks kept in their cells.
        let written = screen.write("e\u{301}e\u{301}x", x: 0, y: 0)
        #expect(written == 3)
        #expect(screen[0, 0].text == "e\u{301}")
        #expect(screen[1, 0].text == "e\u{301}")
        #expect(screen[2, 0].text == "x")
        #expect(screen.displayWidth(row: 0) == 6)
        // A mark with no base takes no column and does not shift what follows.
        var lone = Screen(width: 4, height: 1)
        #expect(lone.write("\u{301}ab", x: 0, y: 0) == 2)
        #expect(lone[0, 0].text == "a" && lone[1, 0].text == "b")
        #expect(TerminalText.truncated("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(TerminalText.padded("e\u{301}", to: 3) == "e\u{301}  ")
    }

    @Test(arguments: [
        "", "a", "hello world", "Ibrahim Boubacar Keïta", "漢字漢字漢字", "a漢b字c", "e\u{301}e\u{301}e\u{301}e\u{301}", "👍🏽👍🏽👍🏽",
    ])
    func truncatedAndPadded(text: String) {
        for columns in -2...14 {
            let cut = TerminalText.truncated(text, to: columns)
            let plain = TerminalText.truncated(text, to: columns, ellipsis: false)
            let padded = TerminalText.padded(text, to: columns)
            #expect(TerminalText.width(of: cut) <= max(0, columns), "truncated “\(text)” to \(columns): “\(cut)”")
            #expect(TerminalText.width(of: plain) <= max(0, columns))
            #expect(TerminalText.width(of: padded) == max(0, columns), "padded “\(text)” to \(columns): “\(padded)”")
            if TerminalText.width(of: text) <= columns {
                #expect(cut == text && plain == text)
            } else if columns > 0 {
                #expect(cut.hasSuffix("…"))
                #expect(text.hasPrefix(String(cut.dropLast())))
                #expect(text.hasPrefix(plain))
                // Nothing is cut that would still have fitted.
                #expect(TerminalText.width(of: plain) >= columns - 1)
            }
        }
        #expect(TerminalText.truncated("abcdef", to: 4) == "abc…")
        #expect(TerminalText.truncated("abcdef", to: 4, ellipsis: false) == "abcd")
        #expect(TerminalText.padded("ab", to: 4) == "ab  ")
        #expect(TerminalText.padded("漢字漢", to: 5) == "漢字…")
        #expect(TerminalText.padded("漢字漢", to: 4) == "漢… ")
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 40])
    func wrappedLinesFit(columns: Int) {
        let texts = [
            "", "word", "The junta leader's rule was extended by a renewable five-year mandate, with no vote.",
            "Goïta, Ségou and Ménaka: accents stay whole", "supercalifragilisticexpialidocious",
            "first paragraph\nsecond paragraph\n\nfourth", "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301} mark",
            "tab\tand\u{1B}esc",
        ]
        for text in texts {
            let lines = TerminalText.wrapped(text, to: columns)
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(TerminalText.width(of: line) <= columns, "“\(text)” to \(columns): “\(line)”")
                #expect(!line.unicodeScalars.contains(where: TerminalText.isUnsafe))
            }
            // No text is lost: the non-space characters come out in order.
            let words = lines.joined().filter { $0 != " " }
            let original = TerminalText.sanitized(text.replacingOccurrences(of: "\n", with: " ")).filter { $0 != " " }
            #expect(words == original, "“\(text)” to \(columns)")
        }
        #expect(TerminalText.wrapped("anything", to: 0) == [])
        #expect(TerminalText.wrapped("a b c", to: 3) == ["a b", "c"])
        #expect(TerminalText.wrapped("one\ntwo", to: 20) == ["one", "two"])
        #expect(TerminalText.wrapped("abcdefgh", to: 3) == ["abc", "def", "gh"])
    }

    @Test func wrappedWideText() {
        let lines = TerminalText.wrapped("漢字テキスト 漢字", to: 5)
        #expect(lines == ["漢字", "テキ", "スト", "漢字"])
        for line in TerminalText.wrapped("a漢b字c漢字", to: 3) { #expect(TerminalText.width(of: line) <= 3) }
    }

    @Test func wrappedWindowsNewlinesStartNewLines() {
        #expect(TerminalText.wrapped("first\r\nsecond", to: 20) == ["first", "second"])
        #expect(TerminalText.wrapped("first\rsecond", to: 20) == ["first", "second"])
    }

    @Test("an over-long ASCII word is cut exactly like any other word, and line breaks stay paragraph breaks")
    func wrappedLongWordPaths() {
        // The ASCII word takes the byte path; the same word with one "é" the character path: same cuts.
        for columns in [1, 2, 7, 50] {
            let ascii = String(repeating: "abcdefghij", count: 31)
            let lines = TerminalText.wrapped("x " + ascii + " y", to: columns)
            let mixed = TerminalText.wrapped("x " + ascii.dropLast() + "é y", to: columns)
            #expect(lines.count == mixed.count, "\(columns)")
            #expect(lines.dropLast(2) == mixed.dropLast(2), "\(columns)")
            #expect(lines.allSatisfy { TerminalText.width(of: $0) <= columns })
        }
        #expect(TerminalText.wrapped("ab cdefghijkl m", to: 4) == ["ab", "cdef", "ghij", "kl m"])
        #expect(TerminalText.wrapped("a\r\n\r\nb\rc\n", to: 9) == ["a", "", "b", "c"])
        #expect(TerminalText.wrapped("  lead  and   trail  ", to: 40) == ["lead and trail"])
        #expect(TerminalText.width(of: "plain ascii") == 11)
        #expect(TerminalText.width(of: "tab\t") == 4)  // not printable ASCII: measured per character as before
    }

    /// A wide character in a one-column wrap can never fit: `wrapped` must still return (dropping or
    /// overflowing it) rather than loop. The check runs in a child process with a one-second alarm.
    @Test func wrappedWideCharacterInOneColumnTerminates() async {
        await #expect(processExitsWith: .success) {
            alarm(1)
            _ = TerminalText.wrapped("漢字", to: 1)
        }
    }
}
