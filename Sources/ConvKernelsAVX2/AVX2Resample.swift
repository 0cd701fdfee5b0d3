import ConvKernels

extension AVX2Kernels {
    /// `runResampleRowsFirst` on Lanes8 (a pass of `Ops.Resampling`).
    public static func resampleRowsFirst(_ args: UnsafePointer<ResampleArgs>) {
        runResampleRowsFirst(args, Lanes8.self)
    }

    /// `runResampleFused` on Lanes8 (a pass of `Ops.Resampling`).
    public static func resampleFused(_ args: UnsafePointer<ResampleArgs>) {
        runResampleFused(args, Lanes8.self)
    }
}
