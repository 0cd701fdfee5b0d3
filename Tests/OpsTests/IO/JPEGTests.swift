import Testing
@testable import Ops

/// JPEG decoding against TensorFlow's `decode_jpeg` + `convert_image_dtype` on every variant the generator made.
@Suite struct JPEGTests {
    static let files = Reference.files("jpeg")

    @Test(arguments: files)
    func accurateDCTMatchesTensorFlowIntegerAccurate(_ file: String) throws {
        let stem = String(file.dropLast(4))
        expectIdentical(try load(Reference.path(file)), try Reference.fromU8("\(stem).accurate.u8.npy"), file)
    }

    @Test(arguments: files)
    func fastDCTMatchesTensorFlowDefault(_ file: String) throws {
        let stem = String(file.dropLast(4))
        expectIdentical(try load(Reference.path(file), options: [("dct", .word("fast"))]),
                        try Reference.fromU8("\(stem).fast.u8.npy"), file)
    }

    @Test(arguments: files.filter { !$0.hasPrefix("jpeg_cmyk") })
    func grayIsLibjpegLumaLikeChannels1(_ file: String) throws {
        let stem = String(file.dropLast(4))
        expectIdentical(try load(Reference.path(file), "gray"), try Reference.fromU8("\(stem).accurate.gray.u8.npy"),
                        file)
        expectIdentical(try load(Reference.path(file), "gray", options: [("dct", .word("fast"))]),
                        try Reference.fromU8("\(stem).fast.gray.u8.npy"), file)
    }

    @Test(arguments: ["jpeg_gray.jpg", "jpeg_gray_progressive.jpg"])
    func rgbOnGrayMatchesChannels3(_ file: String) throws {
        let stem = String(file.dropLast(4))
        let x = try load(Reference.path(file), "rgb")
        #expect(x.shape.last == 3)
        expectIdentical(x, try Reference.fromU8("\(stem).accurate.rgb.u8.npy"), file)
    }

    @Test func grayOnCMYKIsBT601OfRGB() throws {
        let rgb = try load(Reference.path("jpeg_cmyk.jpg"))
        let gray = try load(Reference.path("jpeg_cmyk.jpg"), "gray")
        #expect(gray.shape == [rgb.shape[0], rgb.shape[1], 1])
        let w = ImageToTensor.lumaWeights
        #expect(abs(gray[0, 0, 0] - (rgb[0, 0, 0] * w.r + rgb[0, 0, 1] * w.g + rgb[0, 0, 2] * w.b)) < 1e-6)
    }

    @Test func alphaIsIgnoredForJPEG() throws {
        #expect(try load(Reference.path("jpeg_420.jpg"), "alpha").shape == [31, 45, 3])
    }

    @Test func encodeThenDecodeKeepsSizeAndIsClose() throws {
        let x = try load(Reference.path("jpeg_444.jpg"))
        let image = try TensorToImage.image(x, SaveOptions())
        let decoded = try TensorFile.decode(try JPEG.encode(image, quality: 95))
        #expect(decoded.shape == x.shape)
        let worst = zip(decoded.scalars, x.scalars).map { abs($0 - $1) }.max()!
        #expect(worst < 0.1, "quality 95 re-encode differs by \(worst)")
    }
}
