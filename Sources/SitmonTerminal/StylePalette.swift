import CNcursesw
import SitmonScreen

/// Turns a `Style` into ncurses attributes and a colour pair, allocating pairs lazily.
///
/// - `.none`: attributes only (bold, reverse, underline, dim); colours are dropped, and a background colour
///   becomes reverse video (`Style.withoutColors`).
/// - `.basic8`: bright colours become their basic colour; a bright foreground adds bold; 256-palette colours
///   become the nearest of the 16 first (`ColorApproximation`). Bright black (grey) in the foreground becomes the
///   terminal's own colour, dimmed: bold black is invisible on a dark terminal.
/// - `.basic16`: the 16 colours map to colour numbers 0–15; 256-palette colours to the nearest of those.
/// - `.extended256`: every colour as it is (0–255).
/// `Color.default` is -1 (the terminal's own colour) when `use_default_colors` succeeded, otherwise white on
/// black. When the terminal runs out of pairs, further combinations fall back to pair 0 (attributes only).
final class StylePalette {
    struct Rendition: Equatable {
        var attributes: attr_t
        var pair: Int32
    }

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    let mode: ColorMode
    let defaultColors: Bool
    let pairLimit: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var cache: [Style: Rendition] = [:]
    /// Creates pairs with ncurses; replaced in tests.
    private let initPair: (Int32, Int32, Int32) -> Bool

    init(
        mode: ColorMode, defaultColors: Bool, pairLimit: Int,
        initPair: @escaping (Int32, Int32, Int32) -> Bool = { init_extended_pair($0, $1, $2) == OK }
    ) {
        self.mode = mode
        self.defaultColors = defaultColors
        self.pairLimit = Int32(clamping: pairLimit)
        self.initPair = initPair
    }

    /// Number of pairs allocated so far (pair 0 not counted).
    var allocatedPairs: Int { pairs.count }

    func rendition(for style: Style) -> Rendition {
        if let known = cache[style] { return known }
        // Without colours, the attributes a theme would have without them (a background becomes reverse video).
        let style = mode == .none ? style.withoutColors : style
        var attributes = sitmon_a_normal()
        if style.bold { attributes |= sitmon_a_bold() }
        if style.reverse { attributes |= sitmon_a_reverse() }
        if style.underline { attributes |= sitmon_a_underline() }
        if style.dim { attributes |= sitmon_a_dim() }
        var pair: Int32 = 0
        if mode != .none {
            var (foreground, brightForeground) = colorNumber(style.foreground, foreground: true)
            let (background, _) = colorNumber(style.background, foreground: false)
            if mode == .basic8 && brightForeground && foreground == Int32(COLOR_BLACK) {
                // Bright black (grey: unfocused borders, quiet text) would be bold black with 8 colours, invisible on a
                // dark terminal: the terminal's own colour, dimmed, is readable on dark and light backgrounds alike.
                (foreground, _) = colorNumber(.default, foreground: true)
                brightForeground = false
                attributes |= sitmon_a_dim()
            }
            if brightForeground && mode == .basic8 { attributes |= sitmon_a_bold() }
            pair = pairNumber(foreground: foreground, background: background)
        }
        let rendition = Rendition(attributes: attributes, pair: pair)
        cache[style] = rendition
        return rendition
    }

    /// The ncurses colour number for `color`, and whether a bright colour was folded into a basic one.
    private func colorNumber(_ color: Color, foreground: Bool) -> (Int32, Bool) {
        if color == .default {
            if defaultColors { return (-1, false) }
            return (foreground ? Int32(COLOR_WHITE) : Int32(COLOR_BLACK), false)
        }
        let number = color.paletteIndex ?? 0
        if mode == .extended256 { return (Int32(number), false) }
        let index = Int32(ColorApproximation.nearest16(number))  // black = 0 ... brightWhite = 15
        if mode == .basic16 { return (index, false) }
        return (index % 8, index >= 8)
    }

    private func pairNumber(foreground: Int32, background: Int32) -> Int32 {
        let isDefault =
            defaultColors
            ? (foreground == -1 && background == -1)
            : (foreground == Int32(COLOR_WHITE) && background == Int32(COLOR_BLACK))
        if isDefault { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard nextPair < pairLimit, initPair(nextPair, foreground, background) else {
            pairs[key] = 0
            return 0
        }
        let number = nextPair
        nextPair += 1
        pairs[key] = number
        return number
    }
}
