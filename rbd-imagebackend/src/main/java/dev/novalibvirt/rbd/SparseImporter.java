package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdImage;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.rbd.jna.LibRbd;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a local raw file into a new RBD image without writing zero blocks, so the image stays thin like
 * the file; what Nova gets from {@code rbd import} ({@code rbd_utils.import_image}), done in-process with
 * several asynchronous writes in flight ({@code rbd_aio_write}).
 *
 * <p>The file is read in chunks; each chunk is scanned in {@value #BLOCK}-byte blocks and only runs of
 * non-zero blocks are written. The image is created with the file's size. If anything fails after the
 * image was created, it is removed again: no half-imported image is left behind.
 */
public final class SparseImporter {

    /** Granularity of zero detection. */
    static final int BLOCK = 64 * 1024;
    /** Bytes read per chunk (one default RBD object). */
    static final int CHUNK = 4 * 1024 * 1024;
    /** Chunks in flight. */
    static final int SLOTS = 8;

    private static final LibRbd LIB = LibRbd.INSTANCE;

    /** What an import did. */
    public record Stats(long sizeBytes, long writtenBytes, int writes) {
    }

    private final RbdDriver driver;

    SparseImporter(RbdDriver driver) {
        this.driver = driver;
    }

    Stats importFile(Path rawFile, String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        if (rawFile == null || !Files.isRegularFile(rawFile) || !Files.isReadable(rawFile)) {
            throw new InvalidInput("import source " + rawFile + " is not a readable regular file");
        }
        long size;
        try {
            size = Files.size(rawFile);
        } catch (IOException e) {
            throw new InvalidInput("cannot stat " + rawFile + ": " + e.getMessage());
        }
        RbdNames.size(size);
        driver.create(pool, name, size);
        try {
            return driver.connection().withIoCtx(pool, "import " + rawFile + " to " + pool + "/" + name, io -> {
                Rbd rbd = new Rbd(io);
                RbdImage img = rbd.open(name);
                try (FileChannel ch = FileChannel.open(rawFile, StandardOpenOption.READ)) {
                    Stats stats = copy(ch, size, img.getPointer());
                    int rc = LIB.rbd_flush(img.getPointer());
                    if (rc < 0) {
                        throw new RadosConnection.TypedIOException(RbdError.of("flush " + pool + "/" + name, rc, null));
                    }
                    return stats;
                } finally {
                    rbd.close(img);
                }
            });
        } catch (NovaException | Error e) {
            try {
                driver.destroyVolume(pool, name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Stats copy(FileChannel ch, long size, Pointer image) throws IOException {
        ByteBuffer[] bufs = new ByteBuffer[SLOTS];
        List<List<Pointer>> pending = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            bufs[i] = ByteBuffer.allocateDirect(CHUNK);
            pending.add(new ArrayList<>());
        }
        ByteBuffer zero = zeroBlock();
        long written = 0;
        int writes = 0;
        IOException failure = null;
        int slot = 0;
        try {
            for (long off = 0; off < size; off += CHUNK) {
                drain(pending.get(slot));
                ByteBuffer buf = bufs[slot];
                int len = (int) Math.min(CHUNK, size - off);
                buf.clear().limit(len);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, off + buf.position()) < 0) {
                        throw new IOException("file shrank while importing");
                    }
                }
                Pointer base = Native.getDirectBufferPointer(buf);
                for (long[] extent : dataExtents(buf, zero, len)) {
                    int at = (int) extent[0];
                    int n = (int) extent[1];
                    pending.get(slot).add(submit(image, off + at, n, base.share(at)));
                    written += n;
                    writes++;
                }
                slot = (slot + 1) % SLOTS;
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            for (List<Pointer> p : pending) {
                try {
                    drain(p);
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
        // librbd reads the buffers until the last completion: keep them reachable (and so not freed) until here
        java.lang.ref.Reference.reachabilityFence(bufs);
        if (failure != null) {
            throw failure;
        }
        return new Stats(size, written, writes);
    }

    /**
     * The runs of non-zero {@value #BLOCK}-byte blocks in the first {@code len} bytes of {@code buf}, as
     * {@code {offset, length}} pairs; a trailing partial block counts as a block.
     */
    static List<long[]> dataExtents(ByteBuffer buf, ByteBuffer zero, int len) {
        List<long[]> out = new ArrayList<>();
        int runStart = -1;
        for (int b = 0; b < len; b += BLOCK) {
            boolean zeroBlock = isZero(buf, zero, b, Math.min(BLOCK, len - b));
            if (!zeroBlock && runStart < 0) {
                runStart = b;
            } else if (zeroBlock && runStart >= 0) {
                out.add(new long[] {runStart, b - runStart});
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            out.add(new long[] {runStart, len - runStart});
        }
        return out;
    }

    /** A direct buffer of {@value #BLOCK} zero bytes to compare blocks against. */
    static ByteBuffer zeroBlock() {
        return ByteBuffer.allocateDirect(BLOCK);
    }

    private static boolean isZero(ByteBuffer buf, ByteBuffer zero, int from, int len) {
        ByteBuffer a = buf.duplicate().limit(from + len).position(from);
        ByteBuffer z = zero.duplicate().limit(len).position(0);
        return a.mismatch(z) < 0;
    }

    private static Pointer submit(Pointer image, long off, int len, Pointer data) throws IOException {
        PointerByReference ref = new PointerByReference();
        int rc = LIB.rbd_aio_create_completion(null, null, ref);
        if (rc < 0) {
            throw new RadosConnection.TypedIOException(RbdError.of("aio completion", rc, null));
        }
        Pointer c = ref.getValue();
        rc = LIB.rbd_aio_write(image, off, len, data, c);
        if (rc < 0) {
            LIB.rbd_aio_release(c);
            throw new RadosConnection.TypedIOException(RbdError.of("aio write at " + off, rc, null));
        }
        return c;
    }

    private static void drain(List<Pointer> completions) throws IOException {
        IOException first = null;
        for (Pointer c : completions) {
            LIB.rbd_aio_wait_for_complete(c);
            long rc = LIB.rbd_aio_get_return_value(c);
            LIB.rbd_aio_release(c);
            if (rc < 0 && first == null) {
                first = new RadosConnection.TypedIOException(RbdError.of("aio write", (int) rc, null));
            }
        }
        completions.clear();
        if (first != null) {
            throw first;
        }
    }
}
