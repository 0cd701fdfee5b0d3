import ConvKernels

extension GenericKernels {
    /// `runResampleRowsFirst` on Lanes4 (a pass of `Ops.Resampling`).
    public static func resampleRowsFirst(_ args: UnsafePointer<ResampleArgs>) {
        runResampleRowsFirst(args, Lanes4.self)
    }

    /// `runResampleFused` on Lanes4 (a pass of `Ops.Resampling`).
    public static func resampleFused(_ args: UnsafePointer<ResampleArgs>) {
        runResampleFused(args, Lanes4.self)
    }
}
