import Testing
import TestSupport
@testable import Ops

/// PNG decoding against TensorFlow's `decode_png` (uint16 for 16-bit files) + `convert_image_dtype`.
@Suite struct PNGTests {
    static let files = Reference.files("png")

    /// `x` without its last channel: what dropping alpha leaves.
    static func droppingLastChannel(_ x: Tensor) throws -> Tensor {
        let c = x.shape[2]
        let values = x.scalars.enumerated().filter { $0.offset % c != c - 1 }.map(\.element)
        return try Tensor(shape: [x.shape[0], x.shape[1], c - 1], values: values)
    }

    static func hasAlpha(_ x: Tensor) -> Bool { x.shape[2] == 2 || x.shape[2] == 4 }

    static func isColor(_ file: String) -> Bool { ["rgb", "rgba", "palette"].contains { file.contains($0) } }

    @Test(arguments: files)
    func storedSamplesMatchTensorFlowWithAlphaDropped(_ file: String) throws {
        let expected = try Reference.tensor(file.dropLast(4) + ".f32.npy")
        let x = try load(Reference.path(file))
        expectIdentical(x, PNGTests.hasAlpha(expected) ? try PNGTests.droppingLastChannel(expected) : expected, file)
    }

    @Test(arguments: files)
    func alphaKeepsTensorFlowsChannels(_ file: String) throws {
        expectIdentical(try load(Reference.path(file), "alpha"), try Reference.tensor(file.dropLast(4) + ".f32.npy"),
                        file)
    }

    @Test(arguments: files.filter(isColor))
    func grayIsRGBToGrayscaleOfTheFloatImage(_ file: String) throws {
        // (r·0.2989 + g·0.5870) + b·0.1140 in float32 gives TensorFlow's result bit for bit here.
        let expected = try Reference.tensor(file.dropLast(4) + ".gray.f32.npy")
        expectIdentical(try load(Reference.path(file), "gray"), expected, file)
    }

    @Test(arguments: files.filter { !isColor($0) })
    func rgbOnGrayMatchesChannels3(_ file: String) throws {
        expectIdentical(try load(Reference.path(file), "rgb"), try Reference.tensor(file.dropLast(4) + ".rgb.f32.npy"),
                        file)
    }

    @Test func everyByteValueConvertsAsTensorFlowDoes() throws {
        let x = try load(Reference.path("png_ramp8.png"))
        #expect(x.scalars == Reference.u8ToFloat)
        // And x/255 would not: TensorFlow multiplies by float32(1/255), which differs for 126 of the 256 values.
        #expect(x.scalars.enumerated().contains { Float($0.offset) / 255 != $0.element })
    }

    @Test func roundTripsEightAndSixteenBits() throws {
        for (file, bits) in [("png_rgba8.png", 8), ("png_ga16.png", 16), ("png_gray16.png", 16), ("png_rgb8.png", 8)] {
            let x = try load(Reference.path(file), "alpha")
            let bytes = try TensorFile.encode(x, as: .png, path: "x.png", SaveOptions(bits: bits))
            expectIdentical(try TensorFile.decode(bytes, LoadOptions(keepsAlpha: true)), x, file)
        }
    }

    @Test func savedFileIsReadBackByTheSameSamples() throws {
        let folder = try TemporaryFolder("io")
        let x = try load(Reference.path("png_rgb16.png"))
        let path = folder.url.appendingPathComponent("out.png").path
        try run("save", [.word("x"), .quoted(path)], options: [("bits", .number(16))], tensors: ["x": x])
        expectIdentical(try load(path), x, "16-bit save")
    }
}
