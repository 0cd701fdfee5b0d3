// libFuzzer entry point for the Netpbm (PGM/PPM) decoder and the sample-to-float conversion.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNetpbm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let options = fuzzOptions(bytes)
    fuzzDecode { _ = try Netpbm.decode(bytes, options) }
    return 0
}
