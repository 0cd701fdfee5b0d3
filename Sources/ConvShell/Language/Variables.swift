import Ops

/// Named values in the order they were first bound: the session's scope, or a `def` body's or a `parallel for`
/// iteration's local copy of it (a copy is cheap: tensors share storage until written).
struct Variables {
    private var values: [String: Value] = [:]
    private(set) var names: [String] = []
    /// Names bound to a bare word (a `def` parameter given `same`): read back as that word, so an op that wanted
    /// a tensor still says "unknown name 'imgg'".
    private var words: Set<String> = []

    subscript(name: String) -> Value? {
        get { values[name] }
        set {
            if values[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            values[name] = newValue
            words.remove(name)
        }
    }

    /// The tensor bound to `name`, if it holds one.
    func tensor(_ name: String) -> Tensor? {
        if case .tensor(let t) = values[name] { return t }
        return nil
    }

    /// Binds `name` to the bare word `word`.
    mutating func bind(_ name: String, word: String) {
        self[name] = .string(word)
        words.insert(name)
    }

    func isBareWord(_ name: String) -> Bool { words.contains(name) }

    /// Removes and returns `name`'s tensor when no other value shares its storage; nil otherwise.
    mutating func takeIfSoleHolder(_ name: String) -> Tensor? {
        guard case .tensor(var tensor) = values[name] else { return nil }
        values[name] = nil  // drop the table's reference before asking whether it was the only one
        guard tensor.isUniquelyReferenced() else {
            values[name] = .tensor(tensor)
            return nil
        }
        names.removeAll { $0 == name }
        return tensor
    }

    /// Removes `name`; false when it was not bound.
    mutating func remove(_ name: String) -> Bool {
        guard values[name] != nil else { return false }
        self[name] = nil
        return true
    }
}
