// libFuzzer entry point for the language: lexer, parser and evaluator on random lines (scripts/fuzz-language),
// and Tab completion's reading of each line (CompletionPoint).
//
// Each input is a script run in a fresh session whose registry has no op that reads or writes files, prints
// pictures or loads plugins; inputs that name a shell word touching files, or that could ask for gigantic
// work (`range(10**9)`), are skipped. Every refusal must be the one-line error the shell prints; a crash, a
// trap or a multi-line message stops the fuzzer.

import Ops

private let setUp: Void = { Limits.maxPixels = 1 << 14 }()

/// Words an input may not contain: file-touching ops and shell words, and what could make unbounded work.
private let skipped = ["load", "save", "source", "plugin", "glob", "exists", "show", "explain", "stats", "**",
                       "max_pixels", "random"]

private let registry: Registry = {
    Registry(ops: Registry.builtins.filter { op in
        !op.parameters.contains { $0.kind == .path } && !skipped.contains(op.name)
    })
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = setUp
    guard let data, size > 0, size < 4096 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if skipped.contains(where: text.contains) { return 0 }
    // No number of 4 digits or more, no exponent: loops and tensors stay small.
    var digits = 0
    for c in text.unicodeScalars {
        digits = c.properties.numericType != nil ? digits + 1 : 0
        if digits >= 4 { return 0 }
    }
    if text.range(of: "[0-9.][eE]", options: .regularExpression) != nil { return 0 }
    let session = Session(registry: registry, context: Context(threads: 1) { _ in }, write: { _ in })
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let point = CompletionPoint(String(line), isCommand: session.isCommand)
        if point.wordStart > line.utf8.count { fatalError("completion word starts past the line: \(point)") }
    }
    do {
        try session.runScript(text, file: "fuzz")
    } catch let error as ScriptError {
        if error.message.isEmpty || error.message.contains("\n") { fatalError("bad error message: \(error)") }
    } catch {
        fatalError("not a located error: \(error)")
    }
    return 0
}
