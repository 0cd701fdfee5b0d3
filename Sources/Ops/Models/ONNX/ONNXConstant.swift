import Foundation

/// A constant of an ONNX graph (an initializer, a `Constant` node, or a folded shape computation) in ONNX's own
/// layout: `shape` and row-major values, floats for weights and integers for shapes and axes.
struct ONNXConstant {
    var shape: [Int]
    var floats: [Float]
    var integers: [Int] { floats.map { Int($0) } }

    init(shape: [Int], floats: [Float]) {
        self.shape = shape
        self.floats = floats
    }

    init(integers: [Int]) { self.init(shape: [integers.count], floats: integers.map(Float.init)) }

    /// Reads a TensorProto's float32, float64, int32 or int64 data (raw little-endian or typed fields).
    init(_ proto: Onnx_TensorProto) throws {
        let name = proto.name.isEmpty ? "a constant" : "'\(proto.name)'"
        guard proto.dataLocation != .external else { throw OpError("\(name) uses external data, which is not supported") }
        let shape = proto.dims.map { Int(clamping: $0) }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw OpError("\(name) has a negative dimension") }
        let count = try Tensor.checkedCount(shape)
        let raw = proto.rawData
        let values: [Float]
        switch Onnx_TensorProto.DataType(rawValue: Int(proto.dataType)) {
        case .float:
            values = raw.isEmpty ? proto.floatData : try ONNXConstant.decode(raw, Float.self, count, name) { $0 }
        case .double:
            values = raw.isEmpty ? proto.doubleData.map(Float.init) : try ONNXConstant.decode(raw, Double.self, count, name) { Float($0) }
        case .int64:
            values = raw.isEmpty ? proto.int64Data.map(Float.init) : try ONNXConstant.decode(raw, Int64.self, count, name) { Float($0) }
        case .int32:
            values = raw.isEmpty ? proto.int32Data.map(Float.init) : try ONNXConstant.decode(raw, Int32.self, count, name) { Float($0) }
        default:
            throw OpError("\(name) has data type \(proto.dataType); only float, double, int32 and int64 are supported")
        }
        guard values.count == count else {
            throw OpError("\(name) holds \(values.count) values for shape \(Tensor.describe(shape))")
        }
        self.init(shape: shape, floats: values)
    }

    private static func decode<T>(_ data: Data, _: T.Type, _ count: Int, _ name: String,
                                  _ convert: (T) -> Float) throws -> [Float] {
        guard data.count == count * MemoryLayout<T>.size else {
            throw OpError("\(name) has \(data.count) bytes of data for \(count) values")
        }
        return data.withUnsafeBytes { bytes in (0..<count).map { convert(bytes.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) } }
    }

    /// The constant as a tensor of `shape` (the same values).
    func tensor(_ shape: [Int]? = nil) throws -> Tensor {
        guard !floats.isEmpty else { throw OpError("an empty constant cannot be a weight") }
        return try Tensor(shape: shape ?? self.shape, values: floats)
    }

    /// A rank-4 weight `[O, I, kh, kw]` (ONNX OIHW) as TensorFlow's HWIO `[kh, kw, I, O]`.
    func hwio() throws -> Tensor {
        let (o, i, h, w) = (shape[0], shape[1], shape[2], shape[3])
        var out = [Float](repeating: 0, count: floats.count)
        for a in 0..<o { for b in 0..<i { for y in 0..<h { for x in 0..<w {
            out[((y * w + x) * i + b) * o + a] = floats[((a * i + b) * h + y) * w + x]
        } } } }
        return try Tensor(shape: [h, w, i, o], values: out)
    }
}
