/// The `activation=` option of `conv2d` and `dense`: Keras' activation names, applied after the bias.
///
/// `relu` is fused where the producer can store it directly (conv2d's tile store, bias_add's loop).
enum ActivationChoice {
    static let names = ["none", "relu"]

    static let option = OptionSpec.choice("activation", names)

    /// True for `relu`.
    static func isRelu(_ arguments: Arguments) -> Bool { arguments.choiceOption("activation", default: "none") == "relu" }
}
