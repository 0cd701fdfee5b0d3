/// `preprocess X caffe|tf|torch`: keras.applications' `preprocess_input` for an image in [0,1] (as `load`
/// gives), so that `forward` sees what the model was trained on.
struct Preprocess: Op {
    let name = "preprocess"
    let summary = "scale an image as keras.applications preprocess_input does (caffe|tf|torch)"
    let parameters = [Parameter("X", .tensor), .choice(["caffe", "tf", "torch"], optional: false)]
    let details = """
        X is [H,W,3] or [N,H,W,3] with values in [0,1]; each mode first scales to [0,255] (v = x·255), then as
        keras.applications.imagenet_utils.preprocess_input:
          caffe (VGG16, VGG19, ResNet50): RGB → BGR, minus the ImageNet mean [103.939, 116.779, 123.68] (BGR).
          tf (MobileNet, Inception, Xception): v / 127.5 - 1, in [-1, 1].
          torch (DenseNet): v / 255, minus [0.485, 0.456, 0.406], divided by [0.229, 0.224, 0.225] (RGB).
        Example: x = preprocess (load examples/chelsea.jpg) caffe
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        guard input.rank == 3 || input.rank == 4, input.shape.last == 3 else {
            throw OpError.argument(1, "expected an RGB image [H,W,3] or batch [N,H,W,3], got \(Tensor.describe(input.shape))")
        }
        let mode = arguments.choice(2)!
        var out = try Tensor(uninitializedShape: input.shape)
        let mean: [Float] = [103.939, 116.779, 123.68], torchMean: [Float] = [0.485, 0.456, 0.406],
            torchStd: [Float] = [0.229, 0.224, 0.225]
        try out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { x in
                for p in 0..<(x.count / 3) {
                    for c in 0..<3 {
                        switch mode {
                        case "caffe": o[p * 3 + c] = x[p * 3 + 2 - c] * 255 - mean[c]
                        case "tf": o[p * 3 + c] = x[p * 3 + c] * 255 / 127.5 - 1
                        default: o[p * 3 + c] = (x[p * 3 + c] * 255 / 255 - torchMean[c]) / torchStd[c]
                        }
                    }
                }
            }
        }
        return .tensor(out)
    }
}
