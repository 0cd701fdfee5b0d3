import CSixel
import Foundation

/// DEC sixel graphics (VT340; as xterm, mlterm, foot, WezTerm and mintty implement it), quantised by libsixel.
///
/// A raster with at most `registers` distinct colours (a map through a colour map) is sent with exactly those
/// colours, nothing quantised. Anything else goes through libsixel's median-cut quantiser into `registers`
/// colours (`img2sixel -s histogram`, with `-q full` up to `fullQualityPixels`): a photo (more than
/// `4·registers` colours) with Stucki error diffusion (`-d stucki`), a picture with a few more colours than
/// registers (a montage of maps on white) without, so that only nearly equal colours merge. libsixel handles
/// at most 256 registers (`SIXEL_PALETTE_MAX`), so a terminal reporting more gets 256. Either way `SixelBands`
/// writes the bands (libsixel's own band encoder takes 9x longer on a 1024² picture).
public enum Sixel {
    /// Registers used when the terminal does not answer XTSMGRAPHICS (and libsixel's maximum).
    public static let defaultRegisters = 256
    /// Pictures up to this size get libsixel's full-histogram palette (+2.5 dB on the bundled photo, about 2 µs
    /// a pixel); larger ones a sampled histogram.
    static let fullQualityPixels = 512 * 512

    /// `raster` as one sixel image `ESC P q "1;1;W;H #i;2;R;G;B ... ESC \`; nil only when libsixel fails
    /// (out of memory) on a picture with more colours than registers.
    public static func encode(_ raster: Raster, registers: Int = defaultRegisters) -> String? {
        let colors = max(2, min(registers, Int(SIXEL_PALETTE_MAX)))
        guard let (palette, indices) = exactPalette(raster.pixels, limit: colors) ?? quantized(raster, colors)
        else { return nil }
        let bytes = SixelBands.encode(indices: indices, width: raster.width, height: raster.height, palette: palette)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// libsixel's palette of at most `colors` registers for `raster` and each pixel's register, dithered for a
    /// photo; nil when libsixel runs out of memory.
    static func quantized(_ raster: Raster, _ colors: Int) -> ([Raster.RGB], [UInt8])? {
        var rgb = raster.pixels.withUnsafeBytes { [UInt8]($0) }
        let full: Int32 = raster.pixels.count <= fullQualityPixels ? 1 : 0
        let diffuse: Int32 = exactPalette(raster.pixels, limit: 4 * colors, wide: true) == nil ? 1 : 0
        var registers: UnsafeMutablePointer<UInt8>?
        var paletteBytes = [UInt8](repeating: 0, count: 3 * Int(SIXEL_PALETTE_MAX))
        var size: Int32 = 0
        let ok = rgb.withUnsafeMutableBufferPointer { pixels in
            convsh_sixel_quantize(pixels.baseAddress, Int32(raster.width), Int32(raster.height), Int32(colors), full,
                                  diffuse, &registers, &paletteBytes, &size)
        }
        guard ok == 1, let registers else { return nil }
        defer { free(registers) }
        let palette = (0..<Int(size)).map { Raster.RGB(paletteBytes[3 * $0], paletteBytes[3 * $0 + 1],
                                                       paletteBytes[3 * $0 + 2]) }
        return (palette, Array(UnsafeBufferPointer(start: registers, count: raster.pixels.count)))
    }

    /// The distinct colours of `pixels` in order of first appearance and each pixel's register (its low byte when
    /// `wide`, where only the palette matters), or nil when there are more than `limit` (at most 256, or 1024
    /// when `wide`). An open-addressing table on `0xRRGGBB` (4 slots a colour, linear probing).
    static func exactPalette(_ pixels: [Raster.RGB], limit: Int, wide: Bool = false) -> ([Raster.RGB], [UInt8])? {
        precondition(limit <= (wide ? 1024 : 256))
        let slots = wide ? 4096 : 1024
        var keys = [UInt32](repeating: .max, count: slots), registers = [UInt8](repeating: 0, count: slots)
        var palette: [Raster.RGB] = []
        var indices = [UInt8](repeating: 0, count: pixels.count)
        var last: (key: UInt32, register: UInt8) = (.max, 0)
        for (i, p) in pixels.enumerated() {
            let key = UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)
            if key == last.key { indices[i] = last.register; continue }
            var slot = Int((key &* 2_654_435_761) >> 18) & (slots - 1)
            while keys[slot] != key && keys[slot] != .max { slot = (slot + 1) & (slots - 1) }
            if keys[slot] == .max {
                guard palette.count < limit else { return nil }
                keys[slot] = key
                registers[slot] = UInt8(truncatingIfNeeded: palette.count)
                palette.append(p)
            }
            indices[i] = registers[slot]
            last = (key, registers[slot])
        }
        return (palette, indices)
    }
}
