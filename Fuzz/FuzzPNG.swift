// libFuzzer entry point for the PNG decoder (libpng through the CPNG shim) and the sample-to-float conversion.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let options = fuzzOptions(bytes)
    if let image = try? PNG.decode(bytes) { _ = try? ImageToTensor.tensor(image, options) }
    return 0
}
