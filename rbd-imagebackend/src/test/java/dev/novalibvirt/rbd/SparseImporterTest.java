package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a chunk the sparse import writes: only runs of non-zero 64 KiB blocks. */
class SparseImporterTest {

    static final int B = SparseImporter.BLOCK;
    final ByteBuffer zero = SparseImporter.zeroBlock();

    static ByteBuffer chunk(int len, int... nonZeroOffsets) {
        ByteBuffer buf = ByteBuffer.allocateDirect(len);
        for (int off : nonZeroOffsets) {
            buf.put(off, (byte) 1);
        }
        return buf;
    }

    static List<List<Long>> pairs(List<long[]> extents) {
        return extents.stream().map(e -> List.of(e[0], e[1])).toList();
    }

    @Test
    void anAllZeroChunkWritesNothing() {
        assertThat(SparseImporter.dataExtents(chunk(4 * B), zero, 4 * B)).isEmpty();
    }

    @Test
    void adjacentDataBlocksMergeIntoOneWrite() {
        ByteBuffer buf = chunk(8 * B, 0, B + 7, 5 * B + B - 1);
        assertThat(pairs(SparseImporter.dataExtents(buf, zero, 8 * B)))
                .containsExactly(List.of(0L, 2L * B), List.of(5L * B, (long) B));
    }

    @Test
    void aTrailingPartialBlockIsWrittenUpToTheEndOfTheFile() {
        int len = 3 * B + 100;
        ByteBuffer buf = chunk(len, 3 * B + 99);
        assertThat(pairs(SparseImporter.dataExtents(buf, zero, len))).containsExactly(List.of(3L * B, 100L));
    }

    @Test
    void aFullChunkOfDataIsOneWrite() {
        ByteBuffer buf = chunk(4 * B, 0, B, 2 * B, 3 * B);
        assertThat(pairs(SparseImporter.dataExtents(buf, zero, 4 * B))).containsExactly(List.of(0L, 4L * B));
    }
}
