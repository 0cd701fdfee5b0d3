import Testing
@testable import Ops

/// `Montage.render`, the picture `save X FILE.png grid` writes.
struct MontageTests {
    @Test func grayMapsSideBySideWithWhiteGap() throws {
        let a = try matrix([[0, 1], [1, 0]]), b = try matrix([[5, 5], [5, 9]])
        let m = try Montage.render([("a", a), ("b", b)], cmap: ColorMap.named("gray")!)
        #expect(m.shape == [2, 5, 1])
        // Two tiles per row (⌈√2⌉), a 1-pixel white gutter between; b scaled 5..9 → 0, 0 / 0, 1.
        #expect(m.scalars == [0, 1, 1, 0, 0,
                              1, 0, 1, 0, 1])
        let wide = try Montage.render([("a", a), ("b", b)], cmap: ColorMap.named("gray")!, gap: 2)
        #expect(wide.shape == [2, 6, 1])
    }

    @Test func sharedScaleUsesOneRangeForAllTiles() throws {
        // a spans 0..1 and b 5..9; shared: one range 0..9, so a is nearly black and b's 9 is white.
        let a = try matrix([[0, 1]]), b = try matrix([[5, 9]])
        let m = try Montage.render([("a", a), ("b", b)], cmap: ColorMap.named("gray")!, scale: .shared, columns: 2)
        let gray = ColorMap.named("gray")!
        let expected = [0, 1.0 / 9, 5.0 / 9, 1].map { Float(gray.color(Float($0)).r) / 255 }
        #expect(m.scalars == [expected[0], expected[1], 1, expected[2], expected[3]])
    }

    @Test func colourMapsAndRgbGiveThreeChannels() throws {
        let a = try matrix([[0, 1]])
        let m = try Montage.render([("a", a)], cmap: ColorMap.named("viridis")!)
        #expect(m.shape == [1, 2, 3])
        #expect(m.scalars == [68, 1, 84, 253, 231, 36].map { Float($0) / 255 })
        let rgb = try Tensor(shape: [1, 1, 3], values: [1, 0.5, 2])
        let n = try Montage.render([("a", a), ("c", rgb)], cmap: ColorMap.named("gray")!, gap: 1, columns: 1)
        // a on top, a white gap row, then c: its 1x1 box is 2 wide but 1 tall, so c stays 1x1 at the left, on white.
        #expect(n.shape == [3, 2, 3])
        #expect(Array(n.scalars[6..<12]) == [1, 1, 1, 1, 1, 1])
        #expect(Array(n.scalars[12...]) == [1, 128.0 / 255, 1, 1, 1, 1])
    }

    /// The PNG the Jupyter kernel sends (`MontageImage.png`, from 8-bit samples) is the file `save X F.png grid`
    /// writes (float32 `k/255` quantised back), byte for byte: one tile filling the picture, gray and coloured, and
    /// several tiles on white.
    @Test func imagePNGIsTheBytesSaveGridWrites() throws {
        let values: [Float] = (0..<(37 * 29 * 4)).map { i in Float((i * 7919) % 1000) / 997 - 0.2 }
        let maps = try Tensor(shape: [37, 29, 4], values: values)
        let one = try Tensor(shape: [37, 29, 1], values: Array(values[..<(37 * 29)]))
        let cases: [([(label: String, tensor: Tensor)], String)] = [([("m", one)], "gray"), ([("m", one)], "magma"),
                                                                   ([("f", maps)], "viridis"), ([("f", maps)], "gray")]
        for (items, name) in cases {
            let cmap = ColorMap.named(name)!
            let saved = try TensorFile.encode(try Montage.render(items, cmap: cmap), as: .png, path: "grid.png",
                                              SaveOptions(scale: .clip))
            #expect(try Montage.image(items, cmap: cmap).png() == saved, "\(items[0].tensor.shape) \(name)")
        }
    }

    @Test func channelsOfOneTensorAreTiles() throws {
        let f = try Tensor(shape: [3, 3, 5], repeating: 0)
        let m = try Montage.render([("f", f)], cmap: ColorMap.named("gray")!)
        #expect(m.shape == [3 * 2 + 1, 3 * 3 + 2 * 1, 1])   // 5 tiles: 3 per row, 2 rows, 1-pixel gutters
    }
}
