// Shared by the fuzz targets: the input as bytes, options drawn from it, a size cap small enough that a
// header claiming a huge image is refused instead of exhausting the fuzzer's memory limit, and the check that
// every refusal is the one-line error the shell prints.

/// The fuzzer's input as an array; the first call also lowers the image size cap to 4 megapixels.
func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    _ = capOnce
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

private let capOnce: Void = { Limits.maxPixels = 1 << 22 }()

/// Load options from the input's last byte: bits 0-1 colour (stored, gray, rgb), bit 2 alpha, bit 3 fast IDCT.
func fuzzOptions(_ bytes: [UInt8]) -> LoadOptions {
    let b = bytes.last ?? 0
    let color: LoadOptions.Color = b & 3 == 1 ? .gray : b & 3 == 2 ? .rgb : .stored
    return LoadOptions(color: color, keepsAlpha: b & 4 != 0, fastDCT: b & 8 != 0, threads: 1)
}

/// Runs a decode; a refusal must be an `OpError` of one non-empty line, anything else stops the fuzzer.
func fuzzDecode(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as OpError {
        if error.message.isEmpty || error.message.contains("\n") { fatalError("bad error message: \(error.message)") }
    } catch {
        fatalError("not an OpError: \(error)")
    }
}
