import Foundation

/// A parsed JSON document (a Keras `config.json` or legacy `model_config`), Sendable and typed on access.
enum JSON: Sendable, Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    /// Parses `text`; a document that is not JSON is an error naming `what`.
    static func parse(_ data: Data, what: String) throws -> JSON {
        do { return try JSONDecoder().decode(JSON.self, from: data) } catch {
            throw OpError("\(what) is not valid JSON")
        }
    }

    subscript(_ key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { return value }; return nil }
    var array: [JSON]? { if case .array(let value) = self { return value }; return nil }
    var object: [String: JSON]? { if case .object(let value) = self { return value }; return nil }
    var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    var number: Double? { if case .number(let value) = self { return value }; return nil }

    /// An integer (a whole number in Int's range), else nil.
    var integer: Int? {
        guard let value = number, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// An integer or a list of integers as a list: Keras writes `kernel_size` as 3 or [3, 3].
    func integers(count: Int) -> [Int]? {
        if let single = integer { return Array(repeating: single, count: count) }
        guard let items = array?.map(\.integer), items.count == count, !items.contains(nil) else { return nil }
        return items.map { $0! }
    }
}
