import ConvShellPlugin
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ops

/// Arguments converted to `convsh_value`s for one call, and the memory they point into.
///
/// Every conversion goes through `Arguments`' checked accessors, so a wrong argument to a plugin op gives the same
/// message as to a built-in: `threshold: argument 2: expected a number, got 'x'`. The texts, shapes and tensors the
/// values point to live until this object is released, after the call.
final class PluginValues {
    private var tensors: [Tensor] = []
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for pointer in allocations { free(pointer) }
    }

    /// The positional argument at `position` (from 1), read as `kind`.
    func positional(_ position: Int, kind: ParameterKind, _ arguments: Arguments) throws -> convsh_value {
        switch kind {
        case .tensor:
            return tensor(try arguments.tensor(position), label: arguments.argument(position)!.text)
        case .number:
            return value(CONVSH_KIND_NUMBER, number: try arguments.number(position))
        case .path:
            return value(CONVSH_KIND_PATH, text: try arguments.path(position))
        case .choice:
            return value(CONVSH_KIND_CHOICE, text: arguments.choice(position)!)
        case .text, .string, .value, .model:  // the loader declares only the first five kinds
            return value(CONVSH_KIND_TEXT, text: try arguments.string(position))
        }
    }

    /// The value of `option`, or a value with `present = 0` when it was not given.
    func option(_ option: OptionSpec, _ arguments: Arguments) throws -> convsh_value {
        guard arguments.option(option.key) != nil else { return convsh_value() }
        switch option.kind {
        case .number:
            return value(CONVSH_KIND_NUMBER, number: try arguments.numberOption(option.key, default: 0))
        case .choice(let words):
            return value(CONVSH_KIND_CHOICE, text: arguments.choiceOption(option.key, default: words[0]))
        case .path:
            return value(CONVSH_KIND_PATH, text: try arguments.stringOption(option.key)!)
        case .text, .tensor, .string, .value, .model:  // the loader refuses tensor options
            return value(CONVSH_KIND_TEXT, text: try arguments.stringOption(option.key)!)
        }
    }

    // MARK: - Building values

    private func value(_ kind: Int32, number: Double = 0, text: String? = nil) -> convsh_value {
        var value = convsh_value()
        value.present = 1
        value.kind = kind
        value.number = number
        value.text = text.map(copy)
        return value
    }

    private func tensor(_ tensor: Tensor, label: String) -> convsh_value {
        tensors.append(tensor)
        let shape = allocate(Int64.self, count: max(tensor.rank, 1))
        for (i, dimension) in tensor.shape.enumerated() { shape[i] = Int64(dimension) }
        var value = self.value(CONVSH_KIND_TENSOR, text: label)
        value.tensor = convsh_tensor(rank: Int32(tensor.rank), shape: shape, data: tensor.buffer.pointer,
                                     count: Int64(tensor.count))
        return value
    }

    /// A C copy of `text`, freed with this object.
    private func copy(_ text: String) -> UnsafePointer<CChar> {
        let pointer = strdup(text)!
        allocations.append(pointer)
        return UnsafePointer(pointer)
    }

    private func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let raw = malloc(count * MemoryLayout<T>.stride)!
        allocations.append(raw)
        return raw.bindMemory(to: T.self, capacity: count)
    }
}
