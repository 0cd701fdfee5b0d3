import ConvKernels

extension AVX512Kernels {
    /// `runResampleRowsFirst` on Lanes16 (a pass of `Ops.Resampling`).
    public static func resampleRowsFirst(_ args: UnsafePointer<ResampleArgs>) {
        runResampleRowsFirst(args, Lanes16.self)
    }

    /// `runResampleFused` on Lanes16 (a pass of `Ops.Resampling`).
    public static func resampleFused(_ args: UnsafePointer<ResampleArgs>) {
        runResampleFused(args, Lanes16.self)
    }
}
