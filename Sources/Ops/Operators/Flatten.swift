/// `flatten X`: all values in one axis, keeping the batch axis of a batch, as Keras' `Flatten`.
struct Flatten: Op {
    let name = "flatten"
    let summary = "one axis of values (a batch keeps N), as keras.layers.Flatten"
    let parameters = [Parameter("X", .tensor)]
    let details = """
        A batch [N,H,W,C] gives [N,H·W·C]; an image [H,W,C], a matrix or a vector gives one axis of all its values,
        in row-major (NumPy) order. The values are shared, not copied.
        Reference: keras.layers.Flatten (on a batch).
        Example:  v = flatten (maxpool f)      # the input of a dense head
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let shape = input.rank >= 4 ? [input.shape[0], input.shape.dropFirst().reduce(1, *)] : [input.count]
        return .tensor(try input.reshaped(shape))
    }
}
