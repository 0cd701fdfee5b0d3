import Testing
@testable import Ops

/// A `[kh,kw,3,n]` bank of colour filters drawn as the classic first-layer pictures: one RGB tile per filter,
/// its three input channels as red, green and blue, every filter on the bank's one min..max.
struct FilterBankPictureTests {
    /// Two 2x2 filters given pixel by pixel as (R, G, B) = input channels (0, 1, 2), values -1...3.
    let filters: [[[Float]]] = [
        [[3, -1, -1], [-1, 3, -1], [-1, -1, 3], [1, 1, 1]],   // red, green / blue, mid gray
        [[3, 3, 3], [-1, -1, -1], [0, 2, 0], [2, 0, 2]],      // white, black / green-ish, magenta-ish
    ]

    /// The bank in TensorFlow's layout: element `((y·kw + x)·3 + c)·n + o`.
    func bank() throws -> Tensor {
        var values = [Float](repeating: 0, count: 2 * 2 * 3 * 2)
        for (o, filter) in filters.enumerated() {
            for (pixel, rgb) in filter.enumerated() {
                for c in 0..<3 { values[(pixel * 3 + c) * 2 + o] = rgb[c] }
            }
        }
        return try Tensor(shape: [2, 2, 3, 2], values: values)
    }

    @Test func montageColoursEachFilterOnTheBanksScale() throws {
        // min -1, max 3: byte = round(255·(v + 1)/4), so -1 → 0, 0 → 64 (63.75), 1 → 128 (127.5), 2 → 191,
        // 3 → 255.
        let m = try Montage.render([("w", bank())], cmap: ColorMap.named("gray")!)
        #expect(m.shape == [2, 5, 3])
        let white: [Float] = [255, 255, 255]
        let expected: [[Float]] = [
            [255, 0, 0], [0, 255, 0], white, [255, 255, 255], [0, 0, 0],
            [0, 0, 255], [128, 128, 128], white, [64, 191, 64], [191, 64, 191],
        ]
        #expect(m.scalars == expected.flatMap { $0.map { $0 / 255 } })
    }

    @Test func scaleAutoGivesEachFilterItsOwnRange() throws {
        // Filter 1 alone spans -1..3 as the bank does; filter 0 too. Make filter 1 span 0..2 instead.
        var values = try bank().scalars
        for i in stride(from: 1, to: values.count, by: 2) { values[i] = min(max(values[i], 0), 2) }
        let narrow = try Tensor(shape: [2, 2, 3, 2], values: values)
        let shared = try Montage.render([("w", narrow)], cmap: ColorMap.named("gray")!)
        let own = try Montage.render([("w", narrow)], cmap: ColorMap.named("gray")!, scale: .auto)
        // Top-right pixel of filter 1 (value 2 in all channels): 191 on the bank's -1..3, 255 on its own 0..2.
        #expect(Array(shared.scalars[9..<12]) == [191, 191, 191].map { Float($0) / 255 })
        #expect(Array(own.scalars[9..<12]) == [1, 1, 1])
    }

    @Test func showDrawsABankOfColourFiltersAsAGrid() throws {
        let terminal = Terminal(columns: 80, rows: 24, hasTrueColor: true, allowsColor: true, graphics: .kitty,
                                cellWidth: 10, cellHeight: 20)
        let out = try VizHarness.run("show", [.word("w")], tensors: ["w": bank()], terminal: terminal)
        #expect(out.contains("\u{1B}_Ga=T,f=24,"))
        #expect(!out.contains("Kernel bank"))
        #expect(out.hasSuffix("w [2,2,3,2]: 2 pictures, 2 by 1; the bank's filters on one scale, -1..3, "
            + "input channels as RGB\n"))
        // cin=/cout= still ask for the numbers.
        let table = try VizHarness.run("show", [.word("w")], [("cout", .number(1))], tensors: ["w": bank()],
                                       terminal: terminal)
        #expect(table.contains("[:,:,0,1]") && !table.contains("\u{1B}_G"))
    }

    @Test func onlyKernelShapedBanksWithOneOrThreeInputsAreFilterPictures() {
        #expect(Tile.isBank([3, 3, 3, 64]) && Tile.isBank([7, 7, 3, 96]) && Tile.isBank([3, 3, 1, 8]))
        #expect(!Tile.isBank([3, 3, 64, 64]))      // a deeper layer: its slices are tables
        #expect(!Tile.isBank([4, 16, 16, 3]))      // a batch of images
        #expect(!Tile.isBank([3, 3, 3]))
    }
}
