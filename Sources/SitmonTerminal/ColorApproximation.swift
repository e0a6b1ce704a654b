/// Maps colours of the xterm 256-colour palette down to the nearest of the 16 ANSI colours, for terminals with
/// fewer colours (`ColorMode.basic16` and `.basic8`).
enum ColorApproximation {
    /// The RGB values xterm uses for the 16 ANSI colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    /// The RGB value of palette colour `n` (0–255): the 16 ANSI colours, the 6×6×6 cube, the 24 greys.
    static func rgb(_ n: Int) -> (Int, Int, Int) {
        if n < 16 { return ansi[max(0, n)] }
        if n >= 232 {
            let level = 8 + (n - 232) * 10
            return (level, level, level)
        }
        let cube = n - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    /// The ANSI colour (0–15) nearest to palette colour `n` (squared RGB distance; ties go to the lower number).
    static func nearest16(_ n: Int) -> Int {
        if n < 16 { return max(0, n) }
        let (r, g, b) = rgb(n)
        var best = 0, bestDistance = Int.max
        for (k, (ar, ag, ab)) in ansi.enumerated() {
            let distance = (r - ar) * (r - ar) + (g - ag) * (g - ag) + (b - ab) * (b - ab)
            if distance < bestDistance {
                best = k
                bestDistance = distance
            }
        }
        return best
    }
}
