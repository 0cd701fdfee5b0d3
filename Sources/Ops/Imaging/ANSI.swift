/// SGR colour escapes (ECMA-48 / xterm) in 24-bit colour or the xterm 256-colour palette.
public enum ANSI {
    public typealias RGB = ColorMap.RGB

    public static let reset = "\u{1B}[0m"
    /// Faint text (SGR 2), for values that are not really there (padding).
    public static let faint = "\u{1B}[2m"
    /// Back to the terminal's own background colour (SGR 49).
    public static let defaultBackground = "\u{1B}[49m"

    /// Foreground colour: `ESC[38;2;R;G;Bm`, or `ESC[38;5;Nm` with the nearest palette entry.
    public static func foreground(_ c: RGB, trueColor: Bool) -> String { sgr(38, c, trueColor) }

    /// Background colour: `ESC[48;2;R;G;Bm`, or `ESC[48;5;Nm`.
    public static func background(_ c: RGB, trueColor: Bool) -> String { sgr(48, c, trueColor) }

    private static func sgr(_ code: Int, _ c: RGB, _ trueColor: Bool) -> String {
        trueColor ? "\u{1B}[\(code);2;\(c.r);\(c.g);\(c.b)m" : "\u{1B}[\(code);5;\(palette256(c))m"
    }

    // MARK: - 256-colour palette

    /// Levels of xterm's 6x6x6 colour cube (entries 16...231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The xterm palette entry nearest to `c` (squared RGB distance) among the colour cube 16...231 and the gray
    /// ramp 232...255 (`8 + 10·i`); the 16 system colours are skipped because terminals redefine them.
    public static func palette256(_ c: RGB) -> Int {
        let (r, g, b) = (Int(c.r), Int(c.g), Int(c.b))
        let cube = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cubeColor = (cubeLevels[cube.0], cubeLevels[cube.1], cubeLevels[cube.2])
        let grayIndex = min(23, max(0, ((r + g + b) / 3 - 3) / 10))
        let gray = 8 + 10 * grayIndex
        let cubeDistance = distance((r, g, b), cubeColor), grayDistance = distance((r, g, b), (gray, gray, gray))
        return grayDistance < cubeDistance ? 232 + grayIndex : 16 + 36 * cube.0 + 6 * cube.1 + cube.2
    }

    /// The index of the cube level nearest to `v` (0...255).
    private static func nearestLevel(_ v: Int) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(level - v) < abs(cubeLevels[best] - v) { best = i }
        return best
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)
    }
}
