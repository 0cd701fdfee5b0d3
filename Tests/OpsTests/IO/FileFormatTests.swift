import Testing
@testable import Ops

/// Formats are told by content on load and by extension on save; usage and help say what the options do.
@Suite struct FileFormatTests {
    @Test(arguments: [("jpeg_420.jpg", FileFormat.jpeg), ("png_palette.png", .png), ("netpbm_p3.ppm", .netpbm),
                      ("netpbm_p5.pgm", .netpbm), ("npy_v3.npy", .npy)])
    func detectsByMagicBytes(_ file: String, _ format: FileFormat) throws {
        #expect(try FileFormat.detect(try Reference.bytes(file)) == format)
    }

    @Test func describesWhatItDoesNotRead() {
        let cases: [([UInt8], String)] = [
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "a WebP image"),
            (Array("II*\u{0}".utf8), "a TIFF image"),
            (Array("BM6\u{0}".utf8), "a BMP image"),
            (Array("%PDF-1.7".utf8), "a PDF document"),
            (Array("PK\u{3}\u{4}".utf8), "a ZIP archive (an .npz?"),
            ([0xFF, 0xD8, 0x00, 0x10], "a damaged JPEG"),
        ]
        for (bytes, what) in cases {
            #expect(FileFormat.describeUnknown(bytes).hasPrefix("it is \(what)"), "\(what)")
        }
    }

    @Test(arguments: [("a.NPY", FileFormat.npy), ("b.jpeg", .jpeg), ("c.JPG", .jpeg), ("d.png", .png),
                      ("e.pgm", .netpbm), ("f.ppm", .netpbm), ("g.pnm", .netpbm)])
    func savesByExtension(_ name: String, _ format: FileFormat) {
        #expect(FileFormat.forSaving(name) == format)
    }

    @Test func usageAndHelpStateTheOptions() throws {
        let registry = Registry()
        let load = try #require(registry.op(named: "load")), save = try #require(registry.op(named: "save"))
        #expect(load.usage == "load PATH [gray|rgb] [alpha] [dct=accurate|fast]")
        #expect(save.usage == "save X PATH [grid] [scale=clip|auto|shared] [cmap=NAME] [quality=N] [bits=8|16] [index=LIST]")
        #expect(load.details.contains("alpha: an alpha channel (PNG gray+alpha or RGBA"))
        #expect(load.details.contains("dropped unless 'alpha' is"))
        #expect(load.details.contains("ITU-R BT.601"))
        #expect(save.details.contains("Alpha: the last of 2 or 4 channels is written as alpha"))
        #expect(save.details.contains(ColorMap.names.joined(separator: ", ")))
    }

    @Test func everyColormapHasAFullTable() {
        for name in ["gray", "magma", "viridis", "inferno", "plasma", "cividis"] {
            #expect(ColorMap.names.contains(name))
        }
        for name in ColorMap.names { #expect(ColorMap.named(name)?.colors.count == 256) }
        #expect(ColorMap.named("nope") == nil)
    }
}
