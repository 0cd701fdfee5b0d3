import Testing
@testable import Ops

@Suite struct LargeBlocksTests {
    /// A freed block comes back for the next request of the same rounded size, and only for that size.
    @Test func reusesFreedBlocksOfTheSameSize() throws {
        let blocks = LargeBlocks()
        let size = 5 * LargeBlocks.granule / 2  // 2.5 granules → 3
        let first = try #require(blocks.allocate(size))
        blocks.free(first, bytes: size)
        #expect(blocks.cached.blocks == 1 && blocks.cached.bytes == 3 * LargeBlocks.granule)
        let other = try #require(blocks.allocate(4 * LargeBlocks.granule))
        #expect(other != first)
        let again = try #require(blocks.allocate(size + 100))
        #expect(again == first)
        #expect(blocks.cached.blocks == 0)
        blocks.free(again, bytes: size)
        blocks.free(other, bytes: 4 * LargeBlocks.granule)
        blocks.release(keeping: 0)
        #expect(blocks.cached.blocks == 0 && blocks.cached.bytes == 0)
    }

    /// The cache keeps at most `maxBlocks` blocks, dropping the oldest.
    @Test func keepsAtMostMaxBlocks() throws {
        let blocks = LargeBlocks()
        let pointers = try (0..<(LargeBlocks.maxBlocks + 3)).map { _ in
            try #require(blocks.allocate(LargeBlocks.granule))
        }
        for p in pointers { blocks.free(p, bytes: LargeBlocks.granule) }
        #expect(blocks.cached.blocks == LargeBlocks.maxBlocks)
        #expect(blocks.cached.bytes == LargeBlocks.maxBlocks * LargeBlocks.granule)
        // The newest block is the one handed out next.
        let next = try #require(blocks.allocate(LargeBlocks.granule))
        #expect(next == pointers.last)
        blocks.free(next, bytes: LargeBlocks.granule)
        blocks.release(keeping: 0)
    }
}
