import Testing
@testable import Ops

/// The sample-to-float conversion on images large enough to be split across threads.
@Suite struct ImageToTensorTests {
    /// A width x height image of `channels` bytes whose samples run through every value.
    static func image(_ width: Int, _ height: Int, _ channels: Int) -> PixelImage {
        let count = width * height * channels
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 255) }
        return PixelImage(width: width, height: height, channels: channels, maxValue: 255, samples: .bytes(bytes))
    }

    /// The 8-bit samples of `image`; nil (and the test fails at its `#require`) for any other sample type.
    static func bytes(_ image: PixelImage) -> [UInt8]? {
        guard case .bytes(let samples) = image.samples else { return nil }
        return samples
    }

    @Test(arguments: [1, 2, 5])
    func splitConversionEqualsTensorFlowsTable(_ threads: Int) throws {
        let image = ImageToTensorTests.image(1031, 1019, 1)  // over the 1 M sample threshold, odd sizes
        let x = try ImageToTensor.tensor(image, LoadOptions(threads: threads))
        let samples = try #require(ImageToTensorTests.bytes(image))
        #expect(x.scalars == samples.map { Reference.u8ToFloat[Int($0)] })
    }

    @Test(arguments: [1, 3])
    func splitRemapDropsAlphaAndMixesGray(_ threads: Int) throws {
        let image = ImageToTensorTests.image(601, 500, 4)
        let s = try #require(ImageToTensorTests.bytes(image))
        let rgb = try ImageToTensor.tensor(image, LoadOptions(threads: threads))
        #expect(rgb.shape == [500, 601, 3])
        let expected = (0..<(601 * 500)).flatMap { p in (0..<3).map { Reference.u8ToFloat[Int(s[p * 4 + $0])] } }
        #expect(rgb.scalars == expected)
        let gray = try ImageToTensor.tensor(image, LoadOptions(color: .gray, keepsAlpha: true, threads: threads))
        #expect(gray.shape == [500, 601, 2])
        let w = ImageToTensor.lumaWeights, t = Reference.u8ToFloat
        let p = 250 * 601 + 300
        #expect(gray[250, 300, 0] == t[Int(s[p * 4])] * w.r + t[Int(s[p * 4 + 1])] * w.g + t[Int(s[p * 4 + 2])] * w.b)
        #expect(gray[250, 300, 1] == t[Int(s[p * 4 + 3])])
    }
}
