// libFuzzer entry point for the PNG decoder (libpng through the CPNG shim) and the sample-to-float conversion.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let options = fuzzOptions(bytes)
    fuzzDecode { _ = try ImageToTensor.tensor(try PNG.decode(bytes), options) }
    return 0
}
