/// `print X ...` / `print(x, ...)`: values written out in full, tensors as NumPy prints them.
struct PrintOp: Op {
    let name = "print"
    let summary = "print values: strings as they are, tensors as NumPy prints arrays (large axes summarised)"
    let parameters = [Parameter("X", .value, repeated: true)]
    let options = [OptionSpec("digits", "N")]
    let producesValue = false
    let details = """
        Values are separated by spaces, as Python's print. A tensor prints NumPy's way (np.set_printoptions
        defaults): nested brackets, one width for every element, at most digits=N fractional digits (default 8),
        and once it has more than 1000 elements each axis longer than 6 shows its first and last 3 items around
        ... . A list prints as ['a.jpg', 2].
        Examples:  print g        print("mean", mean(f))        print w digits=3
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let digits = try arguments.integerOption("digits", default: 8, in: 0...16)
        let texts = (1...arguments.count).compactMap { arguments.value($0)?.printed(digits: digits) }
        context.print(texts.joined(separator: " "))
        return nil
    }
}

/// `str(X)`: the text `print` would write for one value, as a string.
struct StrOp: Op {
    let name = "str"
    let summary = "the text print writes for a value, as a string: str(3) is \"3\""
    let parameters = [Parameter("X", .value)]
    let details = "Example:  label = str(i)      (inside a double-quoted string, \"${i}\" does the same)"

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        .string(arguments.value(1)!.printed())
    }
}
