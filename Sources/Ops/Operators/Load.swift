/// `load PATH [gray|rgb] [alpha] [dct=accurate|fast]`: read a tensor from a file, the format known by content.
struct Load: Op {
    let name = "load"
    let summary = "load an image (JPEG, PNG, PGM/PPM) as float32 [H,W,C] in [0,1], or a .npy as stored"
    let parameters = [Parameter("PATH", .path), .choice(["gray", "rgb"]), .choice(["alpha"])]
    let options = [OptionSpec.choice("dct", ["accurate", "fast"])]
    let details = """
        The format is recognised by the file's content, not its extension. Images become float32 [H,W,C] in
        [0,1]: an 8-bit sample x is x/255 (computed as TensorFlow's convert_image_dtype does, x * float32(1/255)),
        a 16-bit one x/65535, a PGM/PPM one x/maxval.
        JPEG: gray files give [H,W,1], colour files [H,W,3]; CMYK files are converted to RGB as TensorFlow does.
          dct=accurate (default) decodes like tf.io.decode_jpeg(dct_method="INTEGER_ACCURATE"); dct=fast like
          TensorFlow's default tf.io.decode_jpeg, bit for bit.
        PNG: 8 or 16-bit gray, gray+alpha, RGB, RGBA or palette (expanded to RGB), the stored samples with no
          gamma correction, as tf.io.decode_png gives them.
        PGM/PPM: P2, P3, P5 and P6, 8 or 16-bit, comments allowed.
        gray: one channel. For a JPEG, libjpeg's own luma plane (tf.io.decode_jpeg(channels=1)); for other
          files the ITU-R BT.601 luma 0.2989 R + 0.5870 G + 0.1140 B of the float values
          (tf.image.rgb_to_grayscale).
        rgb: three channels; a gray image repeats its one channel.
        alpha: an alpha channel (PNG gray+alpha or RGBA, or a transparent colour) is dropped unless 'alpha' is
          given; then it is kept as the last channel, [H,W,2] or [H,W,4]. Files without alpha are unaffected.
        .npy: loads as stored: float32 exactly, other numeric dtypes converted (NumPy format 1.0-3.0, C order).
        An image over the size cap ('set max_pixels N', default 256 megapixels) is refused before decoding.
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let path = try arguments.path(1)
        let color = arguments.choice(2)
        let dct = arguments.choiceOption("dct", default: "accurate")
        let options = LoadOptions(color: color == "gray" ? .gray : color == "rgb" ? .rgb : .stored,
                                  keepsAlpha: arguments.choice(3) != nil, fastDCT: dct == "fast",
                                  threads: context.threads)
        let bytes = try FileFormat.read(path)
        do {
            return .tensor(try TensorFile.decode(bytes, options))
        } catch let error as OpError {
            throw OpError("\(path): \(error.message)")
        }
    }
}
