/// `show X ...`: kernels and small matrices as tables; images and feature maps as pictures; several as a grid.
struct Show: Op {
    let name = "show"
    let summary = "show kernels as tables, images and feature maps as pictures, several as a grid"
    let parameters = [Parameter("X", .tensor, repeated: true)]
    let options = [
        OptionSpec("digits", "N"), OptionSpec("cmap", "NAME", .text(completions: ColorMap.names)),
        OptionSpec("width", "N"), .choice("scale", Scale.allCases.map(\.rawValue)),
        OptionSpec("cin", "I"), OptionSpec("cout", "O"), .choice("as", ["table", "picture"]),
    ]
    let producesValue = false
    let details = """
        Tables: a [kh,kw] kernel or matrix up to 16x16 (also a [n] row) prints under a header in the manner of
        ImageMagick's showKernel — size WxH+X+Y with the origin SAME padding puts over the output pixel, value range,
        the output range for inputs in [0,1], and zero-summing / normalized / sum S. Values are rounded to digits=N
        decimals (default 2); integers stay exact. A [kh,kw,Cin,Cout] bank prints each [:,:,cin,cout] slice (at most
        16; cin=I and cout=O choose), except a [kh,kw,3,n] bank of colour filters, which is drawn (below). On a colour terminal cells are shaded as the course's show_kernel does
        (cmap=Blues_r unless cmap= says otherwise); plain text when stdout is not a terminal or NO_COLOR is set.
        Pictures: [H,W,3] images and [H,W] / [H,W,1] maps are drawn at full resolution with the kitty graphics
        protocol or sixel (libsixel: median-cut palette in the terminal's colour registers, dithered) where the
        terminal answers for them, else with half blocks (two pixels per cell) in 24-bit colour (256 colours
        unless COLORTERM=truecolor); fitted to the terminal keeping the aspect ratio; width=N sets the width in
        cells. `set graphics auto|kitty|sixel|blocks|ascii` (or CONVSH_GRAPHICS) overrides the choice.
        Maps go through cmap=NAME (default gray; the course uses magma) scaled min..max like imshow
        (scale=clip shows 0..1 as is); RGB is clipped to 0..1 unless scale=auto. A legend line gives the range.
        Grids: [H,W,C] with C other than 1 or 3 shows each channel; several tensors show side by side, each
        labelled as typed, each scaled on its own unless scale=shared (one min..max for all, to compare them).
        With kitty or sixel a grid is the montage `save X FILE.png grid` writes (1-pixel gutters), one strip per
        row of tiles under a line of labels; width=N sets each tile's width in cells.
        Filters: a [kh,kw,3,n] bank (a first conv layer, as m.block1_conv1.kernel) is a grid of n colour tiles,
        each filter's 3 input channels as RGB, all on one scale, the bank's min..max (scale=auto: each its own);
        save X FILE.png grid writes the same montage. as=picture draws a [kh,kw,1,n] bank likewise, through cmap.
        as=table|picture overrides the choice between table and picture.
        Not a terminal: one line per tensor (shape, range) instead of a picture; save X FILE.png writes one.
        Colour maps (each also reversed as NAME_r):
          \(ColorMap.baseNames.joined(separator: ", "))
        Examples:  show k      show img      show f cmap=magma      show img f d      show w cin=0
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let items = try arguments.tensors(from: 1)
        for key in ["cin", "cout"] where arguments.option(key) != nil {
            // cin=/cout= choose a slice of a bank; on anything else they would be silently ignored.
            if let item = items.first(where: { $0.tensor.rank != 4 || !KernelTable.fits($0.tensor.shape) }) {
                throw OpError.option(key, "\(key) picks a slice of a [kh,kw,Cin,Cout] kernel bank; \(item.label) is "
                    + "\(Tensor.describe(item.tensor.shape))")
            }
        }
        let mode = arguments.choiceOption("as", default: "auto")
        // A bank of colour filters is a picture unless cin=/cout= ask for its slices.
        let sliced = arguments.option("cin") != nil || arguments.option("cout") != nil
        let tables = mode == "table" || (mode == "auto" && items.allSatisfy {
            KernelTable.fits($0.tensor.shape) && (sliced || !Tile.isBank($0.tensor.shape) || $0.tensor.shape[2] != 3)
        })
        let cmap = try colorMap(arguments, default: tables ? "Blues_r" : "gray")
        if tables {
            try showTables(items, arguments, context, cmap)
        } else {
            try showPictures(items, arguments, context, cmap)
        }
        return nil
    }

    // MARK: - Tables

    private func showTables(_ items: [(label: String, tensor: Tensor)], _ arguments: Arguments,
                            _ context: Context, _ cmap: ColorMap) throws {
        let digits = try arguments.integerOption("digits", default: 2, in: 0...8)
        let cin = try arguments.option("cin").map { _ in try arguments.integerOption("cin", default: 0, in: 0...Int.max) }
        let cout = try arguments.option("cout").map { _ in
            try arguments.integerOption("cout", default: 0, in: 0...Int.max)
        }
        var style = KernelTable.Style.plain
        if let terminal = context.terminal, terminal.allowsColor { style = .shaded(trueColor: terminal.hasTrueColor) }
        for (position, item) in items.enumerated() {
            let shape = item.tensor.shape
            guard KernelTable.fits(shape) else {
                throw OpError.argument(position + 1, "\(Tensor.describe(shape)) is not a matrix or kernel of "
                    + "up to \(KernelTable.maxSide)x\(KernelTable.maxSide)")
            }
            if shape.count == 4, let cin, cin >= shape[2] {
                throw OpError.option("cin", "cin=\(cin) is out of range: \(item.label) has \(shape[2]) input "
                    + "channel\(shape[2] == 1 ? "" : "s") (cin=0 to \(shape[2] - 1))")
            }
            if shape.count == 4, let cout, cout >= shape[3] {
                throw OpError.option("cout", "cout=\(cout) is out of range: \(item.label) has \(shape[3]) output "
                    + "channel\(shape[3] == 1 ? "" : "s") (cout=0 to \(shape[3] - 1))")
            }
        }
        func text(_ style: KernelTable.Style) -> String {
            items.map { KernelTable.render($0.tensor, label: $0.label, digits: digits, style: style, cmap: cmap,
                                           cin: cin, cout: cout) }.joined(separator: "\n\n")
        }
        guard let display = context.display else { return context.print(text(style)) }
        display(.table(plain: text(.plain), shaded: text(.shaded(trueColor: true))))
    }

    // MARK: - Pictures

    private func showPictures(_ items: [(label: String, tensor: Tensor)], _ arguments: Arguments,
                              _ context: Context, _ cmap: ColorMap) throws {
        let scale = try arguments.option("scale").map { _ in
            Scale(rawValue: arguments.choiceOption("scale", default: "auto"))!
        }
        let width = try arguments.option("width").map { _ in
            try arguments.integerOption("width", default: 1, in: 1...1000)
        }
        var tiles: [Tile] = []
        for (position, item) in items.enumerated() {
            do {
                tiles += try Tile.tiles(of: item.tensor, label: items.count == 1 ? nil : item.label)
            } catch let error as OpError {
                var located = error
                located.position = position + 1
                throw located
            }
        }
        if let display = context.display {
            let montage = try Montage.image(items, cmap: cmap, scale: scale, progress: context.progress)
            let text = items.map { Picture.summary(label: $0.label, tensor: $0.tensor) }
            return display(.picture(montage, text: text.joined(separator: "\n")))
        }
        guard let terminal = context.terminal else {
            for item in items { context.print(Picture.description(label: item.label, tensor: item.tensor)) }
            return
        }
        let options = PictureOptions(cmap: cmap, scale: scale, width: width)
        if tiles.count == 1 {
            let title = "\(items[0].label) \(Tensor.describe(items[0].tensor.shape))"
            context.print(Picture.single(tiles[0], title: title, terminal: terminal, options: options))
        } else {
            let title = items.map { "\($0.label) \(Tensor.describe($0.tensor.shape))" }.joined(separator: ", ")
            context.print(Picture.grid(tiles, title: title, terminal: terminal, options: options,
                                       progress: context.progress))
        }
    }

    /// The colour map named by `cmap=`, or `fallback`.
    private func colorMap(_ arguments: Arguments, default fallback: String) throws -> ColorMap {
        let name = try arguments.stringOption("cmap") ?? fallback
        if let map = ColorMap.named(name) { return map }
        var message = "unknown colour map '\(name)'"
        if let guess = Suggest.closest(to: name, among: ColorMap.names) { message += "; did you mean \(guess)?" }
        throw OpError.option("cmap", message + " (maps: \(ColorMap.baseNames.joined(separator: ", ")))")
    }
}
