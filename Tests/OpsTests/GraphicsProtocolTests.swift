import Testing
@testable import Ops

/// Kitty and sixel encodings checked against the protocols' definitions, worked out by hand.
struct GraphicsProtocolTests {
    typealias RGB = Raster.RGB
    let red = RGB(255, 0, 0), blue = RGB(0, 0, 255)

    @Test func kittyOnePixel() {
        // Bytes FF 00 00 in base64: 111111 110000 000000 000000 → "/wAA".
        let out = KittyGraphics.encode(Raster(width: 1, height: 1, pixels: [red]), columns: 3, rows: 2)
        #expect(VizHarness.visible(out) == "\\e_Ga=T,f=24,s=1,v=1,c=3,r=2,q=2,m=0;/wAA\\e\\")
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

    @Test func sixelColumnsAndBands() {
        // One column, red over blue: register 0 has bit 0 (63+1 = "@"), register 1 bit 1 (63+2 = "A").
        let out = Sixel.encode(Raster(width: 1, height: 2, pixels: [red, blue]))
        #expect(VizHarness.visible(out) == "\\eP0;1;0q\"1;1;1;2#0;2;100;0;0#1;2;0;0;100#0@$#1A-\\e\\")
        // Seven rows of red: a full band (all six bits, 63+63 = "~") then a band with bit 0.
        let tall = Sixel.encode(Raster(width: 1, height: 7, pixels: Array(repeating: red, count: 7)))
        #expect(VizHarness.visible(tall) == "\\eP0;1;0q\"1;1;1;7#0;2;100;0;0#0~-#0@-\\e\\")
    }

    @Test func sixelRunLengths() {
        #expect(Sixel.runs([1, 1, 1, 1, 1, 0, 0]) == "!5@")
        #expect(Sixel.runs([1, 1, 2]) == "@@A")
        #expect(Sixel.runs([0, 0, 3]) == "??B")
        #expect(Sixel.runs([0, 0]) == "")
    }

    @Test func sixelQuantisesBeyond256Colours() {
        let pixels = (0..<300).map { RGB(UInt8($0 % 256), UInt8($0 / 256 * 200), 7) }
        let (palette, indices) = Sixel.quantise(pixels)
        #expect(palette.count == 252)
        // (255, 0, 7): red bin 255·6/256 = 5, green 0, blue 0 → register 5·42 = 210, colour (255, 0, 0).
        #expect(indices[255] == 210)
        #expect(palette[210] == RGB(255, 0, 0))
        let few = Sixel.quantise([red, blue, red])
        #expect(few.0 == [red, blue] && few.1 == [0, 1, 0])
    }
}
