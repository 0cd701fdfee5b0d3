/// What one `conv2d` call computed and how: its geometry and the path that ran (the result's `Origin.detail`).
///
/// `time` prints `method` beside the rate, so a user who asked for `algo=winograd` sees whether it ran.
public struct ConvRun: FlopCounting, Sendable {
    public let geometry: ConvGeometry
    public let path: Convolution.Path
    /// The algorithm asked for.
    public let algorithm: ConvAlgorithm

    public init(geometry: ConvGeometry, algorithm: ConvAlgorithm) {
        self.geometry = geometry
        self.algorithm = algorithm
        path = Convolution.path(for: geometry, algorithm: algorithm)
    }

    /// Direct-conv flops (`ConvGeometry.flops`), also for Winograd: its rate is effective GFLOP/s.
    public var flops: Double { geometry.flops }

    /// With `algo=winograd|auto`: the path that ran (`winograd F(4,3)`, `direct`, ...; a fallback from
    /// `winograd` says why). Nil for `direct`, which always runs what it names.
    public var method: String? {
        if algorithm == .direct { return nil }
        if path == .winograd { return "winograd F(\(ConvAlgorithm.winogradTile),3)" }
        if algorithm == .winograd { return "\(path.rawValue) (winograd needs a 3x3 filter bank, stride 1, dilation 1, 16+ input channels)" }
        return path.rawValue
    }
}
