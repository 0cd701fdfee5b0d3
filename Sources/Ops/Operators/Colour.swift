/// The colour and intensity family: `gray`, `rgb`, `contrast`, `brightness`, `normalize`, each a `tf.image`
/// function (one registry line each).
struct Gray: Op {
    let name = "gray"
    let summary = "RGB to one luma channel, as tf.image.rgb_to_grayscale"
    let parameters = [Parameter("X", .tensor)]
    let details = """
        [..., 3] → [..., 1]: 0.2989·R + 0.5870·G + 0.1140·B.
        Reference: tf.image.rgb_to_grayscale. (load PHOTO gray decodes libjpeg's own luma instead.)
        Example:  g = gray img
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard input.shape.last == 3 else {
            throw OpError.argument(1, "expected 3 channels (RGB) on the last axis, got \(Tensor.describe(input.shape))")
        }
        return .tensor(try Intensity.gray(input))
    }
}

struct RGB: Op {
    let name = "rgb"
    let summary = "one channel repeated into three, as tf.image.grayscale_to_rgb"
    let parameters = [Parameter("X", .tensor)]
    let details = "[..., 1] → [..., 3], the channel copied.\nReference: tf.image.grayscale_to_rgb.\nExample:  c = rgb g"

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard input.shape.last == 1 else {
            throw OpError.argument(1, "expected 1 channel on the last axis, got \(Tensor.describe(input.shape))")
        }
        return .tensor(try Intensity.rgb(input))
    }
}

struct Contrast: Op {
    let name = "contrast"
    let summary = "scale each channel's distance from its mean, as tf.image.adjust_contrast"
    let parameters = [Parameter("X", .tensor), Parameter("FACTOR", .number)]
    let details = """
        (x - mean)·FACTOR + mean, the mean per image and channel. FACTOR 1 changes nothing, 0 gives the mean,
        above 1 more contrast, negative inverts about the mean. Values are not clipped.
        Reference: tf.image.adjust_contrast(x, FACTOR).
        Example:  c = contrast img 1.5
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        let factor = try arguments.number(2)
        guard factor.isFinite else { throw OpError.argument(2, "expected a finite factor") }
        return .tensor(try spatial.restoringRank(try Intensity.contrast(spatial.batch, factor: Float(factor))))
    }
}

struct Brightness: Op {
    let name = "brightness"
    let summary = "add DELTA to every value, as tf.image.adjust_brightness"
    let parameters = [Parameter("X", .tensor), Parameter("DELTA", .number)]
    let details = "x + DELTA, not clipped.\nReference: tf.image.adjust_brightness(x, DELTA).\nExample:  b = brightness img 0.1"

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        return .tensor(try Intensity.brightness(input, delta: Float(try arguments.number(2))))
    }
}

struct Normalize: Op {
    let name = "normalize"
    let summary = "stretch min..max to 0..1, or standardise, per image"
    let parameters = [Parameter("X", .tensor), .choice(["range", "standard"])]
    let details = """
        range (default): (x - min) / (max - min) per image, a constant image gives 0s.
        standard: (x - mean) / max(std, 1/sqrt(H·W·C)) per image, as tf.image.per_image_standardization.
        Example:  n = normalize f
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        let standard = arguments.choice(2) == "standard"
        let out = standard ? try Intensity.standardize(spatial.batch) : try Intensity.rescale(spatial.batch)
        return .tensor(try spatial.restoringRank(out))
    }
}
