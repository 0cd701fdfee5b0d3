import CSixel
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
        // 1366 pixels = 4098 bytes = 5464 base64 characters: one chunk of 4096 and one of 1368.
        let out = KittyGraphics.encode(Raster(width: 1366, height: 1, pixels: Array(repeating: red, count: 1366)),
                                       columns: 80, rows: 1)
        let chunks = out.components(separatedBy: "\u{1B}_G").dropFirst()
        #expect(chunks.count == 2)
        #expect(chunks.first!.hasPrefix("a=T,f=24,s=1366,v=1,c=80,r=1,q=2,m=1;"))
        #expect(chunks.last!.hasPrefix("m=0,q=2;"))
        let payloads = chunks.map { $0.split(separator: ";")[1].dropLast(2).count }
        #expect(payloads == [4096, 1368])
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
