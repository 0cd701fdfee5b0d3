import Foundation

/// Tensors to and from file contents: the format by content when loading, by extension when saving.
public enum TensorFile {
    // MARK: - Loading

    /// Loads the file at `path`: a regular `.npy` file and any PGM/PPM straight into the tensor (`NPY.read`,
    /// `Netpbm.read`), anything else read whole (devices refused, FIFOs capped: `InputFile`) and decoded.
    public static func load(_ path: String, _ options: LoadOptions = LoadOptions()) throws -> Tensor {
        guard case .tensor(let tensor) = try load(path, options, recognise: { _ in nil }) else {
            throw OpError("\(path): not an image or array")
        }
        return tensor
    }

    /// `load`, except that a file read whole which `recognise` turns into a value (a model) comes back as that
    /// value; `.npy` and PGM/PPM are still read straight into their tensors.
    public static func load(_ path: String, _ options: LoadOptions,
                            recognise: ([UInt8]) throws -> Value?) throws -> Value {
        let file = try InputFile(path)
        do {
            let head = try file.read(6)
            if file.size != nil, head == NPY.magic {
                try checkNPY(options)
                guard lseek(file.handle, 0, SEEK_SET) == 0 else { throw OpError(String(cString: strerror(errno))) }
                return .tensor(try NPY.read(file))
            }
            if try Netpbm.kind(head) != nil { return .tensor(try Netpbm.read(file, head: head, options)) }
            // A regular file is read whole from its start; a pipe cannot go back, so its head is kept.
            if file.size != nil, lseek(file.handle, 0, SEEK_SET) != 0 {
                throw OpError(String(cString: strerror(errno)))
            }
            let bytes = file.size != nil ? try file.readAll() : head + (try file.readAll())
            if let value = try recognise(bytes) { return value }
            return .tensor(try decode(bytes, options))
        } catch let error as OpError where !error.message.hasPrefix(path) {
            throw OpError("\(path): \(error.message)")
        }
    }

    /// Decodes a whole file. Images become float32 `[H,W,C]` in [0,1]; `.npy` loads as stored.
    public static func decode(_ bytes: [UInt8], _ options: LoadOptions = LoadOptions()) throws -> Tensor {
        guard let format = try FileFormat.detect(bytes) else { throw OpError(FileFormat.describeUnknown(bytes)) }
        switch format {
        case .npy:
            try checkNPY(options)
            return try NPY.decode(bytes)
        case .jpeg: return try ImageToTensor.tensor(try JPEG.decode(bytes, options), options)
        case .png: return try ImageToTensor.tensor(try PNG.decode(bytes), options)
        case .netpbm: return try Netpbm.decode(bytes, options)
        }
    }

    private static func checkNPY(_ options: LoadOptions) throws {
        guard options.color == .stored, !options.keepsAlpha else {
            throw OpError("gray, rgb and alpha apply to images; a .npy file loads as stored")
        }
    }

    // MARK: - Saving

    /// Encodes `x` for a file named `path` in `format` (from the extension).
    public static func encode(_ x: Tensor, as format: FileFormat, path: String,
                              _ options: SaveOptions) throws -> [UInt8] {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        try check(options, for: format, ext: ext)
        if format == .npy { return NPY.encode(x) }
        let (height, width, channels) = try TensorToImage.imageShape(x, as: format.title)
        guard height > 0, width > 0 else {
            throw OpError("cannot save \(Tensor.describe(x.shape)) as \(format.title): the image is empty")
        }
        try check(channels: channels, of: x, for: format, ext: ext, colormap: options.colormap)
        if format == .png, let map = options.colormap, let indices = try TensorToImage.paletteImage(x, options) {
            return try PNG.encode(indices, palette: map.colors)
        }
        var image = try TensorToImage.image(x, options)
        switch format {
        case .npy: return NPY.encode(x)
        case .png: return try PNG.encode(image)
        case .jpeg: return try JPEG.encode(image, quality: options.quality ?? 92)
        case .netpbm:
            if ext == "ppm" && image.channels == 1 { image = replicated(image) }
            return try Netpbm.encode(image)
        }
    }

    /// Refuses options that do not apply to the format.
    private static func check(_ options: SaveOptions, for format: FileFormat, ext: String) throws {
        if format == .npy, options.scale != nil || options.colormap != nil || options.bits != 8 {
            throw OpError(".npy stores float32 exactly; scale, cmap and bits apply to image files")
        }
        if options.quality != nil && format != .jpeg { throw OpError("quality applies to JPEG files only") }
        if options.bits == 16 && format == .jpeg { throw OpError("a JPEG has 8 bits; bits=16 needs .png or .pgm/.ppm") }
        if options.bits == 16 && options.colormap != nil {
            throw OpError("colour maps give 8-bit colours; drop bits=16 or cmap")
        }
    }

    /// Refuses a channel count the format cannot store, saying what to do instead.
    private static func check(channels: Int, of x: Tensor, for format: FileFormat, ext: String,
                              colormap: ColorMap?) throws {
        let shape = Tensor.describe(x.shape)
        if let colormap {
            guard channels == 1 else {
                throw OpError("cmap=\(colormap.name) colours a one-channel map; \(shape) has \(channels) channels")
            }
            guard ext != "pgm" else { throw OpError("cmap gives colour, which a .pgm cannot hold; use .png or .ppm") }
            return
        }
        let allowed: [Int]
        let kinds: String
        switch format {
        case .png: (allowed, kinds) = ([1, 2, 3, 4], "1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)")
        case .jpeg: (allowed, kinds) = ([1, 3], "1 (gray) or 3 (RGB)")
        case .netpbm where ext == "pgm": (allowed, kinds) = ([1], "1 (gray); use .ppm for RGB")
        default: (allowed, kinds) = ([1, 3], "1 (gray) or 3 (RGB)")
        }
        guard allowed.contains(channels) else {
            throw OpError("cannot save \(shape) as \(format.title): it holds \(kinds) channels, not \(channels); "
                + "save every channel as .npy, or pick \(allowed.count > 2 ? "1, 3 or 4" : "1 or 3") channels first")
        }
    }

    /// A gray image as RGB with the gray sample in each channel (for `.ppm`).
    private static func replicated(_ image: PixelImage) -> PixelImage {
        func triple<T>(_ s: [T]) -> [T] { s.flatMap { [$0, $0, $0] } }
        let samples: PixelImage.Samples
        switch image.samples {
        case .bytes(let s): samples = .bytes(triple(s))
        case .words(let s): samples = .words(triple(s))
        }
        return PixelImage(width: image.width, height: image.height, channels: 3, maxValue: image.maxValue,
                          samples: samples)
    }
}
