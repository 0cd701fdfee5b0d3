import Foundation

/// The kitty terminal graphics protocol (https://sw.kovidgoyal.net/kitty/graphics-protocol/).
public enum KittyGraphics {
    /// Base64 bytes per escape; the protocol allows at most 4096, a multiple of 4 except in the last chunk.
    static let chunkSize = 4096

    /// Transmits `raster` as raw 24-bit RGB (`f=24`) and displays it scaled into `columns`×`rows` cells:
    /// `ESC _G a=T,f=24,s=W,v=H,c=C,r=R,q=2,m=1;DATA ESC \`, then `ESC _G m=1,q=2;DATA ESC \` ..., the last with
    /// `m=0`. `q=2` asks the terminal not to answer, so no reply lands on the shell's input.
    public static func encode(_ raster: Raster, columns: Int, rows: Int) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(raster.pixels.count * 3)
        for p in raster.pixels { bytes += [p.r, p.g, p.b] }
        let payload = Array(Data(bytes).base64EncodedString().utf8)
        var out = ""
        var start = 0
        repeat {
            let end = min(start + chunkSize, payload.count)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0
                ? "a=T,f=24,s=\(raster.width),v=\(raster.height),c=\(columns),r=\(rows),q=2,m=\(more)"
                : "m=\(more),q=2"
            out += "\u{1B}_G\(keys);" + String(decoding: payload[start..<end], as: UTF8.self) + "\u{1B}\\"
            start = end
        } while start < payload.count
        return out
    }
}

/// DEC sixel graphics (VT340; as xterm, mlterm and foot implement it).
public enum Sixel {
    /// `raster` as one sixel image: `ESC P 0;1;0 q "1;1;W;H`, the palette `#i;2;R;G;B` (percent), then bands of six
    /// pixel rows — per colour `#i` and one character `63 + bits` per column (bit k = row k of the band has that
    /// colour; `!n` repeats), `$` back to the band's start, `-` to the next band — and `ESC \`.
    /// Rasters with more than 256 colours are quantised to a 6x7x6 cube (252 registers).
    public static func encode(_ raster: Raster) -> String {
        let (palette, indices) = quantise(raster.pixels)
        func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
        var out = "\u{1B}P0;1;0q\"1;1;\(raster.width);\(raster.height)"
        for (i, c) in palette.enumerated() { out += "#\(i);2;\(percent(c.r));\(percent(c.g));\(percent(c.b))" }
        for band in stride(from: 0, to: raster.height, by: 6) {
            var bits: [Int: [UInt8]] = [:]
            for k in 0..<min(6, raster.height - band) {
                for x in 0..<raster.width {
                    bits[indices[(band + k) * raster.width + x], default: [UInt8](repeating: 0, count: raster.width)][x]
                        |= 1 << k
                }
            }
            out += bits.keys.sorted().map { "#\($0)" + runs(bits[$0]!) }.joined(separator: "$")
            out += "-"
        }
        return out + "\u{1B}\\"
    }

    /// Sixel characters for one colour's columns, runs of four or more written `!nC`, trailing blanks dropped.
    static func runs(_ columns: [UInt8]) -> String {
        var end = columns.count
        while end > 0 && columns[end - 1] == 0 { end -= 1 }
        var out = "", x = 0
        while x < end {
            var n = 1
            while x + n < end && columns[x + n] == columns[x] { n += 1 }
            let c = String(UnicodeScalar(63 + columns[x]))
            out += n >= 4 ? "!\(n)\(c)" : String(repeating: c, count: n)
            x += n
        }
        return out
    }

    /// The palette and each pixel's register: the distinct colours when there are at most 256 (first seen first),
    /// else a 6x7x6 cube with levels `i·255/5` (red, blue) and `i·255/6` (green).
    static func quantise(_ pixels: [Raster.RGB]) -> ([Raster.RGB], [Int]) {
        var registers: [Raster.RGB: Int] = [:], palette: [Raster.RGB] = []
        for p in pixels where registers[p] == nil {
            registers[p] = palette.count
            palette.append(p)
            if palette.count > 256 { break }
        }
        if palette.count <= 256 { return (palette, pixels.map { registers[$0]! }) }
        let cube = (0..<252).map { (i: Int) -> Raster.RGB in
            let r = i / 42 * 255 / 5, g = i / 6 % 7 * 255 / 6, b = i % 6 * 255 / 5
            return Raster.RGB(UInt8(r), UInt8(g), UInt8(b))
        }
        return (cube, pixels.map { p -> Int in
            let r = Int(p.r) * 6 / 256, g = Int(p.g) * 7 / 256, b = Int(p.b) * 6 / 256
            return r * 42 + g * 6 + b
        })
    }
}
