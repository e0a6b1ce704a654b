import Testing
import SitmonScreen
@testable import SitmonTerminal

/// How styles become colour pairs: 256, 16, 8 or no colours, with a fake `init_pair` recording the pairs made.
@Suite struct StylePaletteTests {
    /// A palette whose pairs are recorded instead of created with ncurses.
    final class Recorder {
        var pairs: [Int32: (Int32, Int32)] = [:]
        func palette(_ mode: ColorMode, limit: Int = 256) -> StylePalette {
            StylePalette(mode: mode, defaultColors: true, pairLimit: limit) { number, foreground, background in
                self.pairs[number] = (foreground, background)
                return true
            }
        }
        func colors(_ rendition: StylePalette.Rendition) -> (Int32, Int32)? { pairs[rendition.pair] }
    }

    @Test func indexedColoursAreKeptWith256Colours() {
        let recorder = Recorder()
        let palette = recorder.palette(.extended256)
        let rendition = palette.rendition(for: Style(foreground: .indexed(130), background: .indexed(25)))
        #expect(recorder.colors(rendition)! == (130, 25))
    }

    @Test func indexedColoursBecomeTheNearestOf16() {
        let recorder = Recorder()
        let palette = recorder.palette(.basic16)
        // 130 is dark orange (175, 95, 0): nearest red. 28 is dark green: green. 231 is white: bright white.
        #expect(recorder.colors(palette.rendition(for: Style(foreground: .indexed(130))))! == (1, -1))
        #expect(recorder.colors(palette.rendition(for: Style(foreground: .indexed(28))))! == (2, -1))
        #expect(recorder.colors(palette.rendition(for: Style(foreground: .indexed(231))))! == (15, -1))
        // Named colours stay as they are.
        #expect(recorder.colors(palette.rendition(for: Style(foreground: .brightCyan)))! == (14, -1))
    }

    @Test func indexedColoursBecomeTheNearestOf8AndBrightOnesBold() {
        let recorder = Recorder()
        let palette = recorder.palette(.basic8)
        let white = palette.rendition(for: Style(foreground: .indexed(231)))
        #expect(recorder.colors(white)! == (7, -1))
        #expect(
            white.attributes & palette.rendition(for: Style(bold: true)).attributes != 0,
            "a bright colour folded into a basic one adds bold")
        // (128,128,128) is bright black: with 8 colours that would be bold black, invisible on a dark terminal
        // (TERM=xterm, the unfocused borders); it is the terminal's own colour, dimmed, instead.
        let bold = palette.rendition(for: Style(bold: true)).attributes
        let dim = palette.rendition(for: Style(dim: true)).attributes
        for grey in [
            palette.rendition(for: Style(foreground: .indexed(244))),
            palette.rendition(for: Style(foreground: .brightBlack)),
        ] {
            #expect(grey.pair == 0, "the terminal's own foreground")
            #expect(grey.attributes & bold == 0, "not bold black")
            #expect(grey.attributes & dim != 0, "dimmed")
        }
        // Black on a colour (the chips) stays black.
        let chip = palette.rendition(for: Style(foreground: .black, background: .cyan))
        #expect(recorder.colors(chip)! == (0, 6))
        let orange = palette.rendition(for: Style(foreground: .indexed(130)))
        #expect(recorder.colors(orange)! == (1, -1))
        #expect(orange.attributes & palette.rendition(for: Style(bold: true)).attributes == 0)
    }

    @Test func noColourTurnsABackgroundIntoReverseVideo() {
        let palette = Recorder().palette(.none)
        // The dark theme's focused cursor (black on cyan, bold) and an unfocused one (reverse).
        let focused = palette.rendition(for: Style(foreground: .black, background: .cyan, bold: true))
        let unfocused = palette.rendition(for: Style(reverse: true))
        let reverse = palette.rendition(for: Style(reverse: true)).attributes
        let bold = palette.rendition(for: Style(bold: true)).attributes
        #expect(focused.attributes & reverse != 0 && focused.attributes & bold != 0, "focused: reverse and bold")
        #expect(unfocused.attributes & bold == 0, "unfocused: less visible than the focused one")
    }

    @Test func noColourKeepsOnlyAttributes() {
        let recorder = Recorder()
        let palette = recorder.palette(.none)
        let rendition = palette.rendition(for: Style(foreground: .indexed(130), background: .red, reverse: true))
        #expect(rendition.pair == 0)
        #expect(recorder.pairs.isEmpty)
        #expect(rendition.attributes == palette.rendition(for: Style(reverse: true)).attributes)
    }

    @Test func nearestColourTable() {
        #expect(ColorApproximation.nearest16(3) == 3, "the 16 ANSI colours map to themselves")
        #expect(ColorApproximation.nearest16(196) == 9, "pure red (255,0,0) is bright red")
        #expect(ColorApproximation.nearest16(16) == 0, "cube black is black")
        #expect(ColorApproximation.nearest16(21) == 4, "(0,0,255) is blue")
        #expect(ColorApproximation.nearest16(232) == 0, "the darkest grey is black")
        #expect(ColorApproximation.nearest16(255) == 7, "the lightest grey (238) is white")
    }

    @Test func colourModeFromTheTerminal() {
        #expect(ColorMode.detect(hasColors: true, colorCount: 256, allowed: true) == .extended256)
        #expect(ColorMode.detect(hasColors: true, colorCount: 16, allowed: true) == .basic16)
        #expect(ColorMode.detect(hasColors: true, colorCount: 8, allowed: true) == .basic8)
        #expect(ColorMode.detect(hasColors: true, colorCount: 256, allowed: false) == .none, "NO_COLOR wins")
    }
}
