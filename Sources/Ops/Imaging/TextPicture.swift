/// Rasters as lines of text, one character cell per pixel column and two pixel rows per line.
public enum TextPicture {
    /// Half blocks in colour: each cell is `▀` with the upper pixel as foreground and the lower as background.
    ///
    /// Returns one string per cell row, `raster.width` cells wide, each ending in `ESC[0m`. A colour escape is
    /// written only where it changes along the row. An odd last row leaves the lower half in the terminal's
    /// own background.
    public static func halfBlocks(_ raster: Raster, trueColor: Bool) -> [String] {
        stride(from: 0, to: raster.height, by: 2).map { y in
            var line = ""
            var foreground: Raster.RGB?, background: Raster.RGB?
            let hasLower = y + 1 < raster.height
            if !hasLower { line += ANSI.defaultBackground }
            for x in 0..<raster.width {
                let upper = raster[y, x]
                if upper != foreground {
                    line += ANSI.foreground(upper, trueColor: trueColor)
                    foreground = upper
                }
                if hasLower, raster[y + 1, x] != background {
                    let lower = raster[y + 1, x]
                    line += ANSI.background(lower, trueColor: trueColor)
                    background = lower
                }
                line += "▀"
            }
            return line + ANSI.reset
        }
    }

    /// Characters from dark to bright, for terminals without colour (`NO_COLOR`).
    public static let ramp = Array(" .:-=+*#%@")

    /// The same layout in plain characters: each cell shows the mean luma (Rec. 601: 0.299 R + 0.587 G +
    /// 0.114 B) of its two pixels as one of `ramp`. No escape codes.
    public static func characters(_ raster: Raster) -> [String] {
        stride(from: 0, to: raster.height, by: 2).map { y in
            String((0..<raster.width).map { x -> Character in
                var luma = TextPicture.luma(raster[y, x])
                if y + 1 < raster.height { luma = (luma + TextPicture.luma(raster[y + 1, x])) / 2 }
                return ramp[min(ramp.count - 1, Int(luma / 256 * Double(ramp.count)))]
            })
        }
    }

    static func luma(_ c: Raster.RGB) -> Double { 0.299 * Double(c.r) + 0.587 * Double(c.g) + 0.114 * Double(c.b) }
}
