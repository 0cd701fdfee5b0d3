/// `forward M X [upto=LAYER]`: runs a model (or its prefix up to and including LAYER) on X (Executor).
struct Forward: Op {
    let name = "forward"
    let summary = "run a model on an image or batch, to its output or upto=LAYER"
    let parameters = [Parameter("M", .model), Parameter("X", .tensor)]
    let options = [OptionSpec("upto", "LAYER", .string)]
    let details = """
        X is [H,W,C] or a batch [N,H,W,C]; the result has the same rank (a [N,...] batch gives [N,...]). Every
        layer computes what Keras' layer computes at inference (Dropout and noise layers are identities), through
        the registry's ops: conv2d (bias, fused relu), maxpool, avgpool, globalpool, batchnorm, dense, flatten,
        pad, relu, softmax. upto=LAYER stops after that layer and computes only what it depends on; a layer the
        executor cannot run is an error only when upto needs it. Preprocess first as the model expects (see
        preprocess). Keras' reference: keras.Model(m.inputs, m.get_layer(LAYER).output).predict(x).
        Example: maps = forward m img upto=block2_conv2
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let graph = try LayersOp.graph(arguments, 1)
        let input = try arguments.tensor(2)
        let upto = try arguments.stringOption("upto")
        if let upto, graph.layer(upto) == nil {
            throw OpError.option("upto", Model.unknown(upto, in: "'\(graph.name)'", graph.layers.map(\.name), what: "layer").message)
        }
        return .tensor(try Executor(context: context).run(graph, input, upto: upto))
    }
}
