/// `save X PATH [scale=clip|auto] [cmap=NAME] [quality=N] [bits=8|16] [index=LIST]`: write a tensor, the
/// format chosen by the extension; atomic. A list of tensors or paths saved as `.npy` is a data set
/// (`SaveDataset.swift`).
struct Save: Op {
    let name = "save"
    let summary = "save a tensor (.npy, .png, .jpg, .pgm, .ppm by extension), or a list as one .npy data set"
    let parameters = [Parameter("X", .tensor), Parameter("PATH", .path), .choice(["grid"])]
    let options = [
        OptionSpec.choice("scale", Scale.allCases.map(\.rawValue)),
        OptionSpec("cmap", "NAME", .choice(ColorMap.names)),
        OptionSpec("quality", "N"),
        OptionSpec.choice("bits", ["8", "16"]),
        OptionSpec("index", "LIST", .value),
    ]
    let producesValue = false
    let details = """
        .npy writes float32 exactly (NumPy format 1.0, C order). Images take [H,W], [H,W,C] or [1,H,W,C]:
        PNG 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA) channels; JPEG and .ppm 1 or 3 (.ppm repeats gray);
        .pgm 1. For other channel counts save as .npy, or pick channels first.
        scale=clip (default): clamp to [0,1], then round(x*255), so a loaded image saves back to its own samples.
        scale=auto: map the tensor's min..max to 0..1 first, like matplotlib's imshow (for feature maps).
        cmap=NAME: colour a one-channel map with matplotlib's 256-entry table NAME, written as RGB (a PNG
          keeps the table as its palette, one byte a pixel, and reads back as RGB):
          \(ColorMap.names.joined(separator: ", ")).
          The values are scaled with auto unless scale=clip is given, as plt.imsave does.
        quality=N: JPEG quality 1-100 (default 92; 4:4:4 chroma from 90 up, 4:2:0 below).
        bits=16: a 16-bit PNG, PGM or PPM, round(x*65535).
        Alpha: the last of 2 or 4 channels is written as alpha to a PNG, clamped to [0,1], never rescaled.
        grid: write the montage show draws for X (each channel of [H,W,C] with C not 1 or 3, each image of a
        batch, each filter of a [kh,kw,3,n] bank in colour on the bank's one min..max) as one image: tiles in
        ceil(sqrt(n)) columns, 1-pixel white gaps, each map scaled min..max on its own through cmap (default
        gray), no labels.
        The file is written beside PATH under a temporary name and renamed over it, so a failed save leaves an
        existing file as it was.
        \(Save.datasetDetails)
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let path = try arguments.path(2)
        if case .list(let items)? = arguments.value(1), !ListLiteral.isNumeric(.list(items)) {
            try saveDataset(items, to: path, arguments)
            WriteTally.add()
            return nil
        }
        var x = try arguments.tensor(1)
        let isGrid = arguments.choice(3) != nil
        guard let format = FileFormat.forSaving(path) else {
            throw OpError.argument(2, "cannot tell the format of '\(path)'; use \(FileFormat.saveExtensions)")
        }
        var options = SaveOptions()
        if arguments.option("scale") != nil {
            options.scale = Scale(rawValue: arguments.choiceOption("scale", default: "clip"))
        }
        if arguments.option("cmap") != nil {
            options.colormap = ColorMap.named(arguments.choiceOption("cmap", default: ""))
        }
        if arguments.option("quality") != nil {
            options.quality = try arguments.integerOption("quality", default: 92, in: 1...100)
        }
        options.bits = try arguments.integerOption("bits", default: 8, in: 8...16)

        if isGrid {
            guard format != .npy else { throw OpError.argument(3, "a grid is a picture: save it as .png or .jpg") }
            x = try Montage.render([(arguments.argument(1)!.text, x)], cmap: options.colormap ?? ColorMap.named("gray")!,
                                   scale: options.scale, progress: context.progress)
            // The montage is already colour-mapped and scaled to [0,1]: write it as it is.
            options.colormap = nil
            options.scale = .clip
        }
        let index = try indexSources(arguments, rows: x.shape.first ?? 0)
        if index != nil && format != .npy { throw OpError.option("index", "an index goes with a .npy data set") }
        try AtomicFile.write(try TensorFile.encode(x, as: format, path: path, options), to: path)
        if let index { try Dataset.writeIndex(index, for: path) }
        WriteTally.add()
        return nil
    }
}
