/// A value of the language (LANGUAGE.md §1): what a variable holds, what an op takes and returns.
public enum Value: @unchecked Sendable {
    /// A float32 tensor: `[H,W,C]` image, `[N,H,W,C]` batch, `[kh,kw,Cin,Cout]` bank, or any other shape.
    case tensor(Tensor)
    /// A number: `2`, `-0.5`, `inf`. Arithmetic between numbers stays a number.
    case number(Double)
    /// A string: a path, a word.
    case string(String)
    /// A list: what `for` iterates over (`glob(...)`, `range(8)`, `shape(x)`, `["a.jpg", "b.jpg"]`).
    case list([Value])
    /// A model or one of its layers (`m = load vgg16.keras`, `m.block1_conv1`).
    case model(any ModelValue)
}

/// A model or a layer of one, as a value; the model formats implement it.
public protocol ModelValue: AnyObject, Sendable {
    /// `model` or `layer`, for messages: "expected a tensor, got a model".
    var kindName: String { get }
    /// What a bare name prints: `m: Functional 'vgg16', 19 layers, input [224,224,3], 14.7 M parameters`.
    func describe(name: String) -> String
    /// `m.block1_conv1`, `layer.kernel`: a member, or an `OpError` that names the members there are.
    func member(_ name: String) throws -> Value
    /// The members' names, for Tab completion after `m.`.
    var memberNames: [String] { get }
}

extension Value {
    /// `tensor`, `number`, `string`, `list`, or the model's own kind name.
    public var kindName: String {
        switch self {
        case .tensor: return "tensor"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .model(let model): return model.kindName
        }
    }

    /// The value as a tensor where one is needed: a tensor; a number as a 0-d tensor `[]`; a (nested) list of
    /// numbers in NumPy order. Nil for anything else (strings, models, ragged or empty lists).
    public var tensor: Tensor? {
        switch self {
        case .tensor(let t): return t
        case .number(let n): return try? Tensor(shape: [], values: [Float(n)])
        case .list: return try? ListLiteral.tensor(self)
        case .string, .model: return nil
        }
    }

    /// The value as a number: a number, or a tensor of exactly one element.
    public var number: Double? {
        switch self {
        case .number(let n): return n
        case .tensor(let t) where t.count == 1: return Double(t.buffer.pointer[0])
        default: return nil
        }
    }

    /// The value as a string: a string, or a number written as the user would write it (`2`, not `2.0`).
    public var string: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return Value.format(n)
        default: return nil
        }
    }

    /// A number without a trailing `.0` when it is integral: `2`, `0.5`, `1e+20`, `inf`.
    public static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
