// libFuzzer entry point for the JPEG decoder (TurboJPEG) and the sample-to-float conversion. Built by
// scripts/fuzz together with the Ops sources; the last input byte picks gray/rgb and the IDCT.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let options = fuzzOptions(bytes)
    fuzzDecode { _ = try ImageToTensor.tensor(try JPEG.decode(bytes, options), options) }
    return 0
}
