/// `layers M [input=[H,W,C]]`: the table of a model's layers (LayersTable), for its own input shape or `input`.
struct LayersOp: Op {
    let name = "layers"
    let summary = "list a model's layers: type, window, activation, output shape, parameters"
    let parameters = [Parameter("M", .model)]
    let options = [OptionSpec("input", "[H,W,C]", .tensor)]
    let producesValue = false
    let details = """
        One row per layer: index, name, class (with filters or units), window (kernel size, stride, same|valid
        padding, dilation when above 1), activation, output shape without the batch axis, parameters.
        The output shapes are for the model's own input shape; input=[H,W,C] gives them for another size (a
        model whose file leaves the input size open needs it). Ends with the total parameter count.
        Example: m = load examples/vgg16_block12.keras; layers m input=[64,64,3]
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let graph = try Self.graph(arguments, 1)
        context.print(try LayersTable.render(graph, input: try Self.inputShape(arguments, graph)) + "\n")
        return nil
    }

    /// The model at `position` (a model value, not one of its layers).
    static func graph(_ arguments: Arguments, _ position: Int) throws -> ModelGraph {
        guard let model = try arguments.model(position) as? Model else {
            throw OpError.argument(position, "expected a model, got a layer")
        }
        return model.graph
    }

    /// `input=[H,W,C]`, else the model's input shape; an error when neither gives every size.
    static func inputShape(_ arguments: Arguments, _ graph: ModelGraph) throws -> [Int] {
        if let tensor = try arguments.tensorOption("input") {
            let sizes = tensor.scalars
            guard tensor.rank == 1, !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 && $0 < 16_777_216 && $0 == $0.rounded() }) else {
                throw OpError.option("input", "expected a list of positive sizes such as [224,224,3]")
            }
            let shape = sizes.map { Int($0) }
            // Spatial sizes may differ (a conv base takes any size); the rank and the channels may not.
            if let own = graph.inputShape, own.count != shape.count || (own.last! != nil && own.last! != shape.last!) {
                throw OpError.option("input", "the model takes \(describe(own)), got \(Tensor.describe(shape))")
            }
            return shape
        }
        guard let own = graph.inputShape, !own.contains(nil) else {
            throw OpError("the model's input size is open (\(graph.inputShape.map(describe) ?? "unknown")); give input=[H,W,C]")
        }
        return own.map { $0! }
    }

    static func describe(_ shape: [Int?]) -> String { "[" + shape.map { $0.map(String.init) ?? "?" }.joined(separator: ",") + "]" }
}
