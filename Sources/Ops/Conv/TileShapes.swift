import ConvKernels

extension KernelSet {
    /// The channel widths of the register tiles, widest first.
    var widths: [Int] {
        shapes.map(\.channels).reduce(into: []) { widths, w in if !widths.contains(w) { widths.append(w) } }
    }

    /// The tile of `width` channels that computes a row of `pixels` outputs with the fewest wasted pixels
    /// (`⌈pixels/R⌉·R - pixels`); ties go to the larger R, which loads each weight for more pixels.
    ///
    /// A 224-pixel row takes R = 4 (56 whole tiles) where R = 6 would compute 228 pixels and throw 4 away.
    func shape(width: Int, row pixels: Int) -> Int {
        let candidates = shapes.indices.filter { shapes[$0].channels == width }
        return candidates.min { a, b in
            let (ra, rb) = (shapes[a].pixels, shapes[b].pixels)
            let (wa, wb) = ((pixels + ra - 1) / ra * ra, (pixels + rb - 1) / rb * rb)
            return wa != wb ? wa < wb : ra > rb
        } ?? 0
    }
}
