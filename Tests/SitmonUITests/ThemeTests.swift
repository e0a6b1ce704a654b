import Testing
import SitmonScreen
@testable import SitmonUI

/// The themes keep every meaning visible without colour, and the light theme stays readable on white.
@Suite struct ThemeTests {
    @Test(arguments: ["dark", "light", "mono"])
    func everyMeaningHasAnAttribute(name: String) throws {
        let theme = try #require(Theme.named(name))
        func attributes(_ style: Style) -> Style { style.withoutColors }
        let plain = Style()
        // What must stand out even on a terminal without colours (or under NO_COLOR).
        #expect(attributes(theme.selection).reverse, "\(theme.name): the selection is reverse")
        #expect(attributes(theme.focusedSelection) != plain, "\(theme.name): the focused selection has an attribute")
        #expect(
            attributes(theme.focusedSelection) != attributes(theme.selection),
            "\(theme.name): focused and unfocused selections differ")
        for (name, style) in [
            ("header", theme.header), ("chip", theme.chip), ("focused border", theme.focusedBorder),
            ("coup", theme.coup), ("critical", theme.critical), ("error", theme.error),
            ("key", theme.key), ("title", theme.title), ("info", theme.info),
            ("new badge", theme.newBadge), ("coup marker", theme.coupMarker), ("dim", theme.dim),
        ] {
            #expect(attributes(style) != plain, "\(theme.name): \(name) has no attribute")
        }
    }

    @Test func monoIsDarkWithoutColours() {
        #expect(Theme.mono == Theme.dark.withoutColors(name: "mono"))
        for style in [Theme.mono.header, Theme.mono.chip, Theme.mono.label, Theme.mono.warning] {
            #expect(style.foreground == .default && style.background == .default)
        }
    }

    @Test func lightThemeIsReadableOnWhite() {
        let theme = Theme.light
        let unreadable: Set<Color> = [.yellow, .brightYellow, .cyan, .brightCyan, .white, .brightWhite, .brightGreen]
        let styles = [
            theme.text, theme.dim, theme.title, theme.border, theme.focusedBorder, theme.coup, theme.critical,
            theme.warning, theme.label, theme.bar, theme.info, theme.key, theme.selection,
        ]
        for style in styles where style.background == .default {
            #expect(!unreadable.contains(style.foreground), "light text \(style.foreground) on the default background")
        }
    }

    @Test func themesByName() {
        #expect(Theme.named("light")?.name == "light")
        #expect(Theme.named("MONO")?.name == "mono")
        #expect(Theme.named("solarized") == nil)
    }
}
