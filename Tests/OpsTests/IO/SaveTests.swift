import Foundation
import Testing
import TestSupport
@testable import Ops

/// `save`: value scaling, colour maps against matplotlib, channel checks, atomic replacement.
@Suite struct SaveTests {
    /// Saves `x` through the registry and returns the file's bytes.
    static func saved(_ x: Tensor, _ name: String, _ options: [(String, Syntax)] = []) throws -> [UInt8] {
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent(name).path
        try run("save", [.word("x"), .quoted(path)], options: options, tensors: ["x": x])
        return try FileFormat.read(path)
    }

    /// The 8-bit samples of a saved PNG, in file order.
    static func samples(_ bytes: [UInt8]) throws -> [Int] {
        guard case .bytes(let s) = try PNG.decode(bytes).samples else { return [] }
        return s.map(Int.init)
    }

    @Test func gridWritesOneTilePerChannelScaledOnItsOwn() throws {
        // [1,2,2]: two channels → two 1x2 tiles side by side (⌈√2⌉ = 2 columns) with a 1-pixel white gutter.
        // Channel 0 is [0, 4], channel 1 is [1, 3]; each is stretched min..max to 0..255 through gray.
        let x = try Tensor(shape: [1, 2, 2], values: [0, 1, 4, 3])
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("grid.png").path
        try run("save", [.word("x"), .quoted(path), .word("grid")], tensors: ["x": x])
        let image = try PNG.decode(try FileFormat.read(path))
        #expect((image.width, image.height, image.channels) == (5, 1, 1))
        #expect(try SaveTests.samples(try FileFormat.read(path)) == [0, 255, 255, 0, 255])
        let message = errorMessage { try run("save", [.word("x"), .quoted(path + ".npy"), .word("grid")],
                                             tensors: ["x": x]) }
        #expect(message == "save: argument 3 (grid): a grid is a picture: save it as .png or .jpg")
    }

    @Test func clipClampsAndRoundsToNearest() throws {
        let x = try Tensor(shape: [1, 8], values: [-1, 0, 0.5 / 255, 0.4999 / 255, 0.5, 1, 7, .nan])
        #expect(try SaveTests.samples(try SaveTests.saved(x, "a.png")) == [0, 0, 1, 0, 128, 255, 255, 0])
    }

    @Test func clipRoundTripsEveryByte() throws {
        let x = try load(Reference.path("png_ramp8.png"))
        #expect(try SaveTests.samples(try SaveTests.saved(x, "ramp.png")) == Array(0..<256))
    }

    @Test func autoStretchesMinToMaxOverFiniteValues() throws {
        let x = try Tensor(shape: [1, 6], values: [-2, -1, 0, 2, .infinity, .nan])
        // (x+2)/4 → 0, 0.25, 0.5, 1; +inf clamps to 1; NaN becomes 0.
        #expect(try SaveTests.samples(try SaveTests.saved(x, "a.png", [("scale", .word("auto"))]))
            == [0, 64, 128, 255, 255, 0])
        let constant = try Tensor(shape: [2, 2], repeating: 3)
        let flat = try SaveTests.saved(constant, "c.png", [("scale", .word("auto"))])
        #expect(try SaveTests.samples(flat) == [0, 0, 0, 0])
    }

    @Test(arguments: Reference.manifest["colormap"] as! [String])
    func colormapMatchesMatplotlibImsave(_ name: String) throws {
        let x = try Reference.tensor("cmap_input.npy")
        let expected = try Reference.tensor("cmap_\(name).u8.npy").scalars.map { Int($0) }
        let bytes = try SaveTests.saved(x, "m.png", [("cmap", .word(name))])
        #expect(try PNG.decode(bytes).channels == 3)
        #expect(try SaveTests.samples(bytes) == expected)
    }

    @Test func colormapPNGIsIndexedUnlessTheMapHoldsNaN() throws {
        // IHDR's colour type, byte 25 of the file: 3 indexed (the table as palette), 2 RGB.
        let indexed = try SaveTests.saved(try Reference.tensor("cmap_input.npy"), "m.png", [("cmap", .word("magma"))])
        #expect(indexed[25] == 3)
        // NaN is drawn black, which magma's table lacks: the file stays RGB.
        let nan = try SaveTests.saved(try Tensor(shape: [1, 2], values: [.nan, 1]), "n.png", [("cmap", .word("magma"))])
        #expect(nan[25] == 2)
        let first = ColorMap.named("magma")!.colors[0]
        #expect(try SaveTests.samples(nan) == [0, 0, 0, Int(first.r), Int(first.g), Int(first.b)])
    }

    @Test func colormapWithClipUsesValuesAsGiven() throws {
        let x = try Tensor(shape: [1, 4], values: [-1, 0, 0.5, 2])
        let map = ColorMap.named("magma")!.colors
        let bytes = try SaveTests.saved(x, "m.png", [("cmap", .word("magma")), ("scale", .word("clip"))])
        let rgb = try SaveTests.samples(bytes)
        #expect(rgb == [0, 0, 128, 255].flatMap { e in [Int(map[e].r), Int(map[e].g), Int(map[e].b)] })
    }

    @Test func alphaIsWrittenAndNeverRescaled() throws {
        let x = try Tensor(shape: [1, 2, 2], values: [10, 0.5, 20, 1])
        let bytes = try SaveTests.saved(x, "ga.png", [("scale", .word("auto"))])
        #expect(try PNG.decode(bytes).channels == 2)
        #expect(try SaveTests.samples(bytes) == [0, 128, 255, 255])
    }

    @Test func batchOfOneAndMatrixSaveAsImages() throws {
        let batch = try Tensor(shape: [1, 2, 3, 3], repeating: 0.5)
        #expect(try PNG.decode(try SaveTests.saved(batch, "b.png")).channels == 3)
        let matrix = try Tensor(shape: [2, 3], repeating: 0.5)
        #expect(try Netpbm.decode(try SaveTests.saved(matrix, "m.pgm"), LoadOptions()).shape == [2, 3, 1])
    }

    @Test func jpegQualityAndSubsampling() throws {
        let x = try load(Reference.path("jpeg_444.jpg"))
        let high = try SaveTests.saved(x, "h.jpg", [("quality", .number(95))])
        let low = try SaveTests.saved(x, "l.jpg", [("quality", .number(20))])
        #expect(low.count < high.count)
        #expect(try load(Reference.path("jpeg_444.jpg")).shape == (try TensorFile.decode(low)).shape)
    }

    // MARK: - Refusals

    @Test(arguments: [
        ("x.png", [5, 4, 64], [], "cannot save [5,4,64] as PNG: it holds 1 (gray), 2"),
        ("x.jpg", [5, 4, 4], [], "cannot save [5,4,4] as JPEG: it holds 1 (gray) or 3 (RGB) channels, not 4; save"),
        ("x.pgm", [5, 4, 3], [], "1 (gray); use .ppm for RGB"),
        ("x.png", [2, 5, 4, 3], [], "an image is [H,W], [H,W,C] or [1,H,W,C]; save it as .npy"),
        ("x.png", [5, 4, 3], [("cmap", Syntax.word("magma"))], "cmap=magma colours a one-channel map; [5,4,3] has 3"),
        ("x.pgm", [5, 4, 1], [("cmap", Syntax.word("magma"))], "cmap gives colour, which a .pgm cannot hold"),
        ("x.jpg", [5, 4, 1], [("bits", Syntax.number(16))], "a JPEG has 8 bits"),
        ("x.png", [5, 4, 1], [("quality", Syntax.number(80))], "quality applies to JPEG files only"),
        ("x.npy", [5, 4, 1], [("scale", Syntax.word("auto"))], ".npy stores float32 exactly"),
        ("x.png", [5, 4, 1], [("bits", Syntax.number(12))], "option bits: expected 8|16, got '12'"),
        ("x.png", [5, 4, 1], [("cmap", Syntax.word("magam"))], "option cmap: unknown value 'magam' (help save lists the 30 choices); did you mean magma?"),
        ("x.gif", [5, 4, 1], [], "argument 2 (PATH): cannot tell the format of"),
        ("x.pgm", [0, 4, 1], [], "cannot save [0,4,1] as Netpbm: the image is empty"),
    ] as [(String, [Int], [(String, Syntax)], String)])
    func refusesWithAReason(_ name: String, _ shape: [Int], _ options: [(String, Syntax)], _ reason: String) throws {
        let x = try Tensor(shape: shape, repeating: 0.5)
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent(name).path
        let message = errorMessage { try run("save", [.word("x"), .quoted(path)], options: options, tensors: ["x": x]) }
        #expect(message.hasPrefix("save: "), "\(message)")
        #expect(message.contains(reason), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "no temporary file left")
    }

    @Test func misspelledColormapIsSuggested() {
        let x = try! Tensor(shape: [2, 2], repeating: 0)
        let message = errorMessage {
            try run("save", [.word("x"), .quoted("/tmp/x.png")], options: [("cmap", .word("magam"))], tensors: ["x": x])
        }
        #expect(message.hasSuffix("did you mean magma?"), "\(message)")
    }

    @Test func failedSaveLeavesTheOldFileIntact() throws {
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("keep.png").path
        let old = try SaveTests.saved(try Tensor(shape: [3, 3], repeating: 0.25), "keep.png")
        try Data(old).write(to: URL(fileURLWithPath: path))
        let wide = try Tensor(shape: [3, 3, 7], repeating: 1)
        _ = errorMessage { try run("save", [.word("x"), .quoted(path)], tensors: ["x": wide]) }
        #expect(try FileFormat.read(path) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["keep.png"])
    }

    @Test func writeFailingHalfwayLeavesTheOldFileAndNoTemporary() throws {
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("data.npy").path
        try AtomicFile.write([1, 2, 3], to: path)
        let message = errorMessage {
            try AtomicFile.write(to: path) { handle in
                try AtomicFile.writeAll(handle, [UInt8](repeating: 9, count: 4096), 4096)
                throw OpError("disk full")
            }
        }
        #expect(message == "cannot write \(path): disk full")
        #expect(try FileFormat.read(path) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.npy"])
    }

    @Test func saveReplacesAnExistingFileWhole() throws {
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("img.png").path
        try run("save", [.word("x"), .quoted(path)], tensors: ["x": try Tensor(shape: [40, 40], repeating: 0.3)])
        try run("save", [.word("x"), .quoted(path)], tensors: ["x": try Tensor(shape: [2, 2], repeating: 0.6)])
        #expect(try load(path).shape == [2, 2, 1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["img.png"])
    }

    @Test func missingFolderIsNamed() throws {
        let parent = try TemporaryFolder("io")
        let folder = parent.url.appendingPathComponent("no-such-folder")
        let x = try Tensor(shape: [2, 2], repeating: 0)
        let message = errorMessage {
            try run("save", [.word("x"), .quoted(folder.appendingPathComponent("a.png").path)], tensors: ["x": x])
        }
        #expect(message == "save: cannot write \(folder.path)/a.png: folder \(folder.path) does not exist")
    }
}
