/// `shape size reshape squeeze expand_dims transpose concat`, one row each (`Shapes`).
enum ShapeOps {
    static let all: [any Op] = [
        ShapeOp("shape", "the shape as a list of numbers (np.shape)", [Parameter("X", .tensor)]) { a, _ in
            .list(try a.tensor(1).shape.map { .number(Double($0)) })
        },
        ShapeOp("size", "the number of elements (np.size)", [Parameter("X", .tensor)]) { a, _ in
            .number(Double(try a.tensor(1).count))
        },
        ShapeOp("reshape", "the same elements in another shape; one -1 is inferred (np.reshape)",
                [Parameter("X", .tensor), Parameter("SHAPE", .value)]) { a, _ in
            .tensor(try argument(2) { try Shapes.reshape(try a.tensor(1), try a.integers(2)) })
        },
        ShapeOp("squeeze", "drops size-1 axes, or only axis= (np.squeeze)", [Parameter("X", .tensor)],
                [OptionSpec("axis", "A", .value)]) { a, _ in
            let axes = try a.option("axis").map { try MathArguments.integers($0, option: "axis") }
            return .tensor(try Shapes.squeeze(try a.tensor(1), axes: axes))
        },
        ShapeOp("expand_dims", "inserts a size-1 axis at AXIS (np.expand_dims)",
                [Parameter("X", .tensor), Parameter("AXIS", .number)]) { a, _ in
            let axis = try a.integer(2, in: Int.min...Int.max)
            return .tensor(try argument(2) { try Shapes.expandDims(try a.tensor(1), axis: axis) })
        },
        ShapeOp("transpose", "permutes the axes; reverses them without AXES (np.transpose)",
                [Parameter("X", .tensor), Parameter("AXES", .value, optional: true)]) { a, _ in
            let axes = a.argument(2) == nil ? nil : try a.integers(2)
            return .tensor(try argument(2) { try Shapes.transpose(try a.tensor(1), axes) })
        },
        ShapeOp("concat", "joins tensors along axis= (default -1, the channels) (np.concatenate)",
                [Parameter("X", .tensor, repeated: true)], [OptionSpec("axis", "A")]) { a, _ in
            let tensors = try a.tensors(from: 1).map(\.tensor)
            let axis = try a.integerOption("axis", default: -1, in: Int.min...Int.max)
            return .tensor(try Shapes.concat(tensors, axis: axis))
        },
    ]

    /// `body`'s errors as errors of argument `position`.
    private static func argument<T>(_ position: Int, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as OpError where error.position == nil {
            throw OpError.argument(position, error.message)
        }
    }
}

/// One shape function as an op.
struct ShapeOp: Op {
    let name: String
    let summary: String
    let parameters: [Parameter]
    let options: [OptionSpec]
    let body: @Sendable (Arguments, Context) throws -> Value

    init(_ name: String, _ summary: String, _ parameters: [Parameter], _ options: [OptionSpec] = [],
         _ body: @escaping @Sendable (Arguments, Context) throws -> Value) {
        (self.name, self.summary, self.parameters, self.options, self.body) = (name, summary, parameters, options, body)
    }

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? { try body(arguments, context) }
}
