/// Binding a call's arguments to an op's parameters and options, once, for every op (built in, plugin, `def`).
extension Registry {
    /// `positional` bound to `op.parameters` in order and `options` checked against `op.options`.
    ///
    /// - A word for a choice parameter must be one of its words. A word that does not fit the next parameter but
    ///   is a word of another optional choice parameter not yet bound goes there, so optional words may come in
    ///   any order and be left out (`load x.png alpha`, `load x.png alpha gray`).
    /// - Arguments beyond the parameters go to a repeated last parameter, else are an error.
    /// - Required parameters must be bound; option keys must be the op's; choice options must be among their words.
    static func bind(_ op: any Op, _ positional: [Argument], _ options: [(key: String, value: Argument)],
                     variableNames: @escaping () -> [String]) throws -> Arguments {
        let parameters = op.parameters
        var slots = [Argument?](repeating: nil, count: parameters.count)
        var next = 0
        for argument in positional {
            let word = argument.isString ? argument.value.string : nil
            if next < parameters.count, case .choice(let words) = parameters[next].kind {
                if let word, words.contains(word) {
                    slots[next] = argument
                    next += 1
                    continue
                }
            }
            if let word, let elsewhere = parameters.indices.first(where: { index in
                guard slots[index] == nil, parameters[index].isOptional, case .choice(let words) = parameters[index].kind
                else { return false }
                return words.contains(word)
            }) {
                slots[elsewhere] = argument
                next = max(next, elsewhere + 1)
                continue
            }
            if let word, let taken = parameters.indices.first(where: { index in
                guard let bound = slots[index], case .choice(let words) = parameters[index].kind else { return false }
                return words.contains(word) && bound.value.string != word
            }) {
                throw OpError.argument(taken + 1, "choose one of \(parameters[taken].placeholder), got "
                    + "'\(slots[taken]!.value.string!)' and '\(word)'")
            }
            if next < parameters.count {
                if case .choice(let words) = parameters[next].kind {
                    var message = "expected \(words.joined(separator: "|")), got \(Arguments.given(argument))"
                    if let word, let guess = Suggest.closest(to: word, among: words) { message += "; did you mean \(guess)?" }
                    throw OpError.argument(next + 1, message)
                }
                slots[next] = argument
                next += 1
            } else if parameters.last?.isRepeated == true {
                slots.append(argument)
                next += 1
            } else {
                throw OpError.argument(next + 1, "unexpected '\(argument.text)'; usage: \(op.usage)")
            }
        }
        for (index, parameter) in parameters.enumerated() where !parameter.isOptional && slots[index] == nil {
            throw OpError("missing argument \(index + 1) (\(parameter.placeholder)); usage: \(op.usage)")
        }

        let specs = op.options
        var bound: [String: Argument] = [:]
        for (key, value) in options {
            guard let spec = specs.first(where: { $0.key == key }) else {
                var message = "unknown option '\(key)'"
                if let guess = Suggest.closest(to: key, among: specs.map(\.key)) { message += "; did you mean \(guess)?" }
                throw OpError(message + "; usage: \(op.usage)")
            }
            if case .choice(let words) = spec.kind {
                guard let word = value.value.string, words.contains(word) else {
                    var message = words.count <= Arguments.choicesSpelledOut
                        ? "expected \(words.joined(separator: "|")), got \(Arguments.given(value))"
                        // A long list (colour maps) is named by help rather than spelled out in a one-line error.
                        : "unknown value \(Arguments.given(value)) (help \(op.name) lists the \(words.count) choices)"
                    if let guess = value.value.string.flatMap({ Suggest.closest(to: $0, among: words) }) {
                        message += "; did you mean \(guess)?"
                    }
                    throw OpError.option(key, message)
                }
            }
            bound[key] = value
        }
        return Arguments(op: op.name, slots: slots, options: bound, variableNames: variableNames)
    }
}

extension Argument {
    /// True for a string value (quoted or a bare word), not a number written as a word.
    var isString: Bool {
        if case .string = value { return true }
        return false
    }
}
