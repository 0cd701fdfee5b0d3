import CSixel
import CZlib
import Foundation
import Testing
@testable import Ops

/// Kitty escapes checked against the protocol's definition by hand; sixel pictures read back with libsixel's
/// decoder (`sixel_decode_raw`, the reference the encoder is checked against: what a terminal would draw).
struct GraphicsProtocolTests {
    typealias RGB = Raster.RGB
    let red = RGB(255, 0, 0), blue = RGB(0, 0, 255)

    @Test func kittyOnePixel() {
        // Bytes FF 00 00 in base64: 111111 110000 000000 000000 → "/wAA".
        let out = KittyGraphics.encode(Raster(width: 1, height: 1, pixels: [red]), columns: 3, rows: 2)
        #expect(VizHarness.visible(out) == "\\e_Ga=T,f=24,s=1,v=1,c=3,r=2,q=2,m=0;/wAA\\e\\")
        // Without cells the terminal draws the picture at its own pixel size.
        let native = KittyGraphics.encode(Raster(width: 1, height: 1, pixels: [red]))
        #expect(VizHarness.visible(native) == "\\e_Ga=T,f=24,s=1,v=1,q=2,m=0;/wAA\\e\\")
    }

    @Test func kittySplitsPayloadIntoChunksOf4096() {
        // 1366 pixels = 4098 bytes = 5464 base64 characters: one chunk of 4096 and one of 1368. Pseudo-random
        // bytes, which zlib cannot shrink, so they are sent raw.
        var state: UInt32 = 12345
        let noise = (0..<1366).map { _ -> RGB in
            state = state &* 1_664_525 &+ 1_013_904_223
            return RGB(UInt8(truncatingIfNeeded: state >> 24), UInt8(truncatingIfNeeded: state >> 16),
                       UInt8(truncatingIfNeeded: state >> 8))
        }
        let out = KittyGraphics.encode(Raster(width: 1366, height: 1, pixels: noise), columns: 80, rows: 1)
        let chunks = out.components(separatedBy: "\u{1B}_G").dropFirst()
        #expect(chunks.count == 2)
        #expect(chunks.first!.hasPrefix("a=T,f=24,s=1366,v=1,c=80,r=1,q=2,m=1;"))
        #expect(chunks.last!.hasPrefix("m=0,q=2;"))
        let payloads = chunks.map { $0.split(separator: ";")[1].dropLast(2).count }
        #expect(payloads == [4096, 1368])
    }

    @Test func kittyCompressesWhenSmallerAndTheStreamInflatesToThePixels() throws {
        // A 300x200 picture of four flat bands: zlib shrinks it, so the first escape says o=z, and the payload
        // joined over all chunks, base64-decoded and inflated by zlib's own uncompress, is the f=24 pixels.
        let colours = [red, blue, RGB(10, 200, 30), RGB(255, 255, 255)]
        let raster = Raster(width: 300, height: 200, pixels: (0..<60_000).map { colours[$0 / 15_000] })
        let out = KittyGraphics.encode(raster)
        let chunks = out.components(separatedBy: "\u{1B}_G").dropFirst()
        #expect(chunks.first!.hasPrefix("a=T,f=24,s=300,v=200,o=z,q=2,m="))
        let base64 = chunks.map { $0.split(separator: ";")[1].dropLast(2) }.joined()
        let stream = try #require(Data(base64Encoded: String(base64)))
        #expect(stream.count < 60_000 * 3 / 10)
        var size = uLong(60_000 * 3)
        var inflated = [UInt8](repeating: 0, count: Int(size))
        let status = stream.withUnsafeBytes {
            uncompress(&inflated, &size, $0.bindMemory(to: Bytef.self).baseAddress, uLong(stream.count))
        }
        #expect(status == Z_OK && Int(size) == 60_000 * 3)
        #expect(inflated == raster.pixels.flatMap { [$0.r, $0.g, $0.b] })
    }

    @Test func sixelBandsDecodeToEveryRegisterExactly() throws {
        // 61x23 pixels (three bands of six and one of five), 200 registers in pseudo-random order, with runs long
        // enough for `!N`: libsixel's decoder must give back every pixel's register and the palette to within
        // sixel's percent rounding.
        var state: UInt32 = 7
        func next() -> Int { state = state &* 1_664_525 &+ 1_013_904_223; return Int(state >> 8) }
        let palette = (0..<200).map { _ in RGB(UInt8(next() & 255), UInt8(next() & 255), UInt8(next() & 255)) }
        let (width, height) = (61, 23)
        var indices = [UInt8](repeating: 0, count: width * height)
        var i = 0
        while i < indices.count {
            let (register, length) = (UInt8(next() % 200), 1 + next() % 9)
            for j in i..<min(i + length, indices.count) { indices[j] = register }
            i += length
        }
        let bytes = SixelBands.encode(indices: indices, width: width, height: height, palette: palette)
        #expect(bytes.contains(UInt8(ascii: "!")))
        let back = try decode(String(decoding: bytes, as: UTF8.self))
        #expect(back.width == width && back.height == height)
        let expected = indices.map { palette[Int($0)] }
        #expect(zip(back.pixels, expected).allSatisfy { maxDifference($0, $1) <= 2 })
    }

    @Test func sixelRunsAndPercentsAreWrittenAsTheFormatSays() {
        // One band, three registers in order of appearance: register 0 on row 0 of columns 0-4 (bits 1 → '@',
        // five of them → "!5@"); register 2 on rows 1-5 there (bits 62 → '}') and on all of column 5 ('~');
        // register 1 on column 6 after a gap of six ("!6?", then '~'). Percents round as libsixel: 128 → 50.
        var indices = [UInt8](repeating: 0, count: 7 * 6)
        for y in 1..<6 { for x in 0..<6 { indices[y * 7 + x] = 2 } }
        for x in 5..<7 { indices[x] = 2 }
        for y in 0..<6 { indices[y * 7 + 6] = 1 }
        let bytes = SixelBands.encode(indices: indices, width: 7, height: 6,
                                      palette: [red, blue, RGB(0, 128, 255)])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "\u{1B}Pq\"1;1;7;6#0;2;100;0;0#1;2;0;0;100#2;2;0;50;100"
            + "#0!5@$#2!5}~$#1!6?~\u{1B}\\")
    }

    @Test func sixelWithFewColoursIsExact() throws {
        // 7 rows (a full band of six and one more), three colours: every pixel comes back within the rounding of
        // sixel's percent colour components (255·k/100, so at most 2 off).
        let colours = [red, blue, RGB(10, 200, 30)]
        let raster = Raster(width: 5, height: 7, pixels: (0..<35).map { (i: Int) -> RGB in colours[i * 7 / 3 % 3] })
        let out = try #require(Sixel.encode(raster, registers: 16))
        #expect(out.hasPrefix("\u{1B}P") && out.hasSuffix("\u{1B}\\"))
        let back = try decode(out)
        #expect(back.width == 5 && back.height == 7 && back.colours == 3)
        #expect(zip(back.pixels, raster.pixels).allSatisfy { maxDifference($0, $1) <= 2 })
    }

    @Test func sixelWithManyColoursIsQuantisedToTheRegisters() throws {
        // A smooth 64x64 gradient (4096 colours) into 16 and into 256 registers, dithered. The floor is the
        // encoder this one replaced: a fixed 6x7x6 cube (levels i·255/5, i·255/6), nearest level per channel.
        let pixels = (0..<4096).map { (i: Int) -> RGB in RGB(UInt8(i % 64 * 4), UInt8(i / 64 * 4), 128) }
        let raster = Raster(width: 64, height: 64, pixels: pixels)
        func level(_ v: UInt8, _ steps: Int) -> UInt8 { UInt8((Double(v) * Double(steps) / 255).rounded() * 255 / Double(steps)) }
        let cube = pixels.map { RGB(level($0.r, 5), level($0.g, 6), level($0.b, 5)) }
        let floor = psnr(cube, pixels)
        for registers in [16, 256] {
            let back = try decode(try #require(Sixel.encode(raster, registers: registers)))
            #expect(back.colours <= registers)
            #expect(Set(back.pixels.map { [$0.r, $0.g, $0.b] }).count <= registers)
            if registers == 256 { #expect(psnr(back.pixels, pixels) > floor + 3) }
            if registers == 16 { #expect(psnr(back.pixels, pixels) > floor - 6) }
        }
    }

    @Test func exactPaletteInOrderOfAppearanceOrNil() {
        let green = RGB(0, 255, 0)
        let (palette, indices) = Sixel.exactPalette([blue, red, blue, green], limit: 3)!
        #expect(palette == [blue, red, green] && indices == [0, 1, 0, 2])
        #expect(Sixel.exactPalette([blue, red, green], limit: 2) == nil)
    }

    // MARK: - Reading sixel back

    struct Decoded { var width, height, colours: Int; var pixels: [RGB] }

    private func decode(_ sixel: String) throws -> Decoded {
        var bytes = Array(sixel.utf8)
        var pixels: UnsafeMutablePointer<UInt8>?, palette: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0, colours: Int32 = 0
        let status = sixel_decode_raw(&bytes, Int32(bytes.count), &pixels, &width, &height, &palette, &colours, nil)
        try #require((status & 0x1000) == 0 && pixels != nil && palette != nil)
        defer { free(pixels); free(palette) }
        let out = (0..<Int(width * height)).map { i -> RGB in
            let k = Int(pixels![i]) * 3
            return RGB(palette![k], palette![k + 1], palette![k + 2])
        }
        return Decoded(width: Int(width), height: Int(height), colours: Int(colours), pixels: out)
    }

    private func maxDifference(_ a: RGB, _ b: RGB) -> Int {
        max(abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
    }

    /// `10·log10(255² / MSE)` over the three channels.
    private func psnr(_ a: [RGB], _ b: [RGB]) -> Double {
        var sum = 0.0
        for (p, q) in zip(a, b) {
            for (x, y) in [(p.r, q.r), (p.g, q.g), (p.b, q.b)] { sum += pow(Double(x) - Double(y), 2) }
        }
        return 10 * log10(255 * 255 / max(sum / Double(3 * a.count), 1e-12))
    }
}
