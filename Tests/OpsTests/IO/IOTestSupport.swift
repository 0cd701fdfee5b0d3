import Foundation
import Testing
@testable import Ops

/// The files `scripts/make-io-reference.py` wrote: inputs and TensorFlow's (or NumPy's) outputs for them.
enum Reference {
    static let folder = Bundle.module.url(forResource: "Reference", withExtension: nil)!
        .appendingPathComponent("io")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] { try FileFormat.read(path(name)) }

    /// A reference `.npy` as float32.
    static func tensor(_ name: String) throws -> Tensor { try NPY.decode(try bytes(name)) }

    /// TensorFlow's `convert_image_dtype(uint8 -> float32)` for each of the 256 values.
    static let u8ToFloat: [Float] = try! tensor("tf_u8_to_f32.npy").scalars

    /// A reference of TensorFlow's uint8 samples, converted to float32 with TensorFlow's own table.
    static func fromU8(_ name: String) throws -> Tensor {
        let samples = try tensor(name)
        return try Tensor(shape: samples.shape, values: samples.scalars.map { u8ToFloat[Int($0)] })
    }

    /// The generator's manifest (file lists, shapes, the NumPy expectations).
    nonisolated(unsafe) static let manifest: [String: Any] = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    /// Names of the files of one kind in the manifest ("jpeg", "png", "netpbm").
    static func files(_ kind: String) -> [String] {
        (manifest[kind] as! [[String: Any]]).map { $0["file"] as! String }
    }
}

/// `load PATH WORDS... [options]` through the registry.
func load(_ path: String, _ words: String..., options: [(String, Syntax)] = []) throws -> Tensor {
    try run("load", [.quoted(path)] + words.map { .word($0) }, options: options)!
}

/// The message of the OpError `body` throws; records an issue when it throws nothing or something else.
func errorMessage(_ body: () throws -> Any?, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
        _ = try body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
    } catch let error as OpError {
        return error.description
    } catch {
        Issue.record("expected an OpError, got \(error)", sourceLocation: sourceLocation)
    }
    return ""
}

/// Expects the same shape and bit-identical elements; reports the first mismatch and how many there are.
func expectIdentical(_ actual: Tensor, _ expected: Tensor, _ label: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.shape == expected.shape else {
        Issue.record("\(label): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    let a = actual.scalars, e = expected.scalars
    let mismatches = zip(a, e).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
    if let first = mismatches.first {
        let message = "\(label): \(mismatches.count) of \(a.count) differ; first at \(first.offset): "
            + "\(first.element.0) vs \(first.element.1)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// Runs `body` with `Limits.maxPixels` lowered to at most `pixels`, then restores it; one such test at a time.
///
/// NOTE: Swift Testing runs tests in parallel and the cap is global: keep `pixels` above every image another test
/// loads (4 megapixels is), and lower it only through here, so that two tests cannot restore each other's cap.
func withMaxPixels<T>(_ pixels: Int, _ body: () throws -> T) rethrows -> T {
    capLock.lock()
    defer { capLock.unlock() }
    let saved = Limits.maxPixels
    Limits.maxPixels = min(saved, pixels)
    defer { Limits.maxPixels = saved }
    return try body()
}

private let capLock = NSLock()
