import Testing
@testable import Ops

/// Colour tables against values published outside our generator: matplotlib's documented endpoints (viridis
/// #440154..#fde725) and ColorBrewer's Blues (#08306b darkest, #f7fbff lightest).
struct ColorMapTests {
    typealias RGB = ColorMap.RGB

    @Test func endpointsMatchPublishedColours() throws {
        let viridis = try #require(ColorMap.named("viridis"))
        #expect(viridis.colors.count == 256)
        #expect(viridis.colors[0] == RGB(0x44, 0x01, 0x54))
        // #fde725 rounds (0.993248, 0.906157, 0.143936)·255; matplotlib's bytes=True truncates: blue 36.7 → 36.
        #expect(viridis.colors[255] == RGB(0xfd, 0xe7, 36))
        let blues = try #require(ColorMap.named("Blues_r"))
        #expect(blues.colors[0] == RGB(0x08, 0x30, 0x6b))
        #expect(blues.colors[255] == RGB(0xf7, 0xfb, 0xff))
        let magma = try #require(ColorMap.named("magma"))
        // matplotlib's magma ends at (0.987053, 0.991438, 0.749504); bytes=True truncates ×255.
        #expect(magma.colors[255] == RGB(251, 252, 191))
    }

    @Test func reversedMapsFollowMatplotlib() throws {
        let magma = try #require(ColorMap.named("magma")), magmaR = try #require(ColorMap.named("magma_r"))
        #expect(magmaR.colors == magma.colors.reversed())
        // matplotlib re-interpolates Blues_r: entry 165 is (165,204,227) although Blues[90] is (165,205,227).
        #expect(ColorMap.named("Blues")!.colors[90] == RGB(165, 205, 227))
        #expect(ColorMap.named("Blues_r")!.colors[165] == RGB(165, 204, 227))
    }

    @Test func indexFollowsMatplotlibsCall() {
        #expect(ColorMap.index(0) == 0)
        #expect(ColorMap.index(0.5) == 128)
        #expect(ColorMap.index(0.999) == 255)
        #expect(ColorMap.index(1) == 255)
        #expect(ColorMap.index(-3) == 0)
        #expect(ColorMap.index(7) == 255)
        #expect(ColorMap.index(.nan) == 0)
        #expect(ColorMap.index(1.0 / 256) == 1)
    }

    @Test func namesAndUnknownNames() {
        #expect(ColorMap.names.contains("magma"))
        #expect(ColorMap.names.contains("gray_r"))
        #expect(ColorMap.names.allSatisfy { ColorMap.named($0) != nil })
        #expect(ColorMap.named("magam") == nil)
    }

    @Test func palette256PicksNearestEntry() {
        #expect(ANSI.palette256(RGB(0, 0, 0)) == 16)
        #expect(ANSI.palette256(RGB(255, 255, 255)) == 231)
        #expect(ANSI.palette256(RGB(255, 0, 0)) == 196)
        #expect(ANSI.palette256(RGB(128, 128, 128)) == 244)  // gray ramp entry 8 + 10·12 = 128
        // (8,48,107): cube (0,95,95) is at distance 2417, gray 58 at 5001.
        #expect(ANSI.palette256(RGB(8, 48, 107)) == 23)
    }
}
