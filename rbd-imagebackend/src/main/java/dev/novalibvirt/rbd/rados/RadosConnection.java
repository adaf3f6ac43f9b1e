package dev.novalibvirt.rbd.rados;

import com.ceph.rados.IoCTX;
import com.ceph.rbd.RbdException;
import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.jna.LibRados;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected librados client, owned: Nova's {@code rbd_utils.RADOSClient}/{@code _connect_to_rados}, but
 * reused across calls instead of reconnecting per operation.
 *
 * <p>One owner per native handle. The {@code rados_t} and its IoCtxs are created and freed here, through our
 * own binding, exactly once. rados-java's {@code Rados} is not used for them: it shuts leaked handles down in
 * {@code finalize()}, on the finalizer thread, while other threads may still call through the client's IoCtxs
 * or open images (seen as {@code FAILED ceph_assert(initialized)} in the Objecter and as
 * {@code std::system_error: Invalid argument}, a destroyed mutex, both aborting the JVM).
 *
 * <p>Serial: every native call runs under {@link NativeCalls}' process-wide lock (librbd 16.2.15 is not safe
 * for concurrent use; see there).
 *
 * <p>Reference counted. Every call, and every image held open ({@link #lease}), holds a lease on the client.
 * {@link #close()} refuses new leases at once (a typed {@link RbdError.ConnectionClosed}) and frees the native
 * client when the last lease ends, on the thread that ends it: never while an IoCtx, image or completion is in
 * use, never from a finalizer or a librados callback thread. A connection that is never closed is reported
 * (WARN) when it becomes unreachable; its client then stays allocated until the process exits.
 */
public final class RadosConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RadosConnection.class);
    private static final LibRados LIB = LibRados.INSTANCE;
    private static final Cleaner LEAKS = Cleaner.create();

    /** A call with a pool's IoCtx. */
    @FunctionalInterface
    public interface IoCtxCall<T> {
        T apply(IoCTX ioctx) throws IOException;
    }

    /** A call with the raw {@code rados_t}. */
    @FunctionalInterface
    public interface ClusterCall<T> {
        T apply(Pointer clusterHandle) throws IOException;
    }

    /** A hold on the native client; the client is freed only after every lease is closed. Idempotent close. */
    public final class Lease implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease() {
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release();
            }
        }
    }

    private final CephClientConfig config;
    private final Pointer cluster;
    private final Map<String, IoCTX> ioctxs = new HashMap<>();   // guarded by itself
    private final AtomicBoolean closedState;                      // shared with the leak report
    private final Cleaner.Cleanable leakReport;
    private int leases;                                           // guarded by this
    private boolean freed;                                        // guarded by this

    private RadosConnection(CephClientConfig config, Pointer cluster) {
        this.config = config;
        this.cluster = cluster;
        AtomicBoolean closed = new AtomicBoolean();
        this.closedState = closed;
        String user = config.user();
        // the report holds no reference to this object and makes no native call
        this.leakReport = LEAKS.register(this, () -> {
            if (!closed.get()) {
                LOG.warn("a ceph connection of client.{} was never closed; its librados client stays allocated", user);
            }
        });
    }

    /**
     * Creates the client, reads ceph.conf, applies the keyring and timeouts, and connects; fails within
     * about {@code connectTimeout} when no monitor answers.
     *
     * @throws RbdError.CephTimeout when the monitors do not answer in time
     * @throws StorageError         for any other failure (bad ceph.conf, auth refused...)
     */
    public static RadosConnection connect(CephClientConfig config) {
        return NativeCalls.serially(() -> open(config));
    }

    private static RadosConnection open(CephClientConfig config) {
        if (!Files.isReadable(config.cephConf())) {
            throw new StorageError("ceph.conf " + config.cephConf() + " is not readable");
        }
        config.keyring().ifPresent(k -> {
            if (!Files.isReadable(k)) {
                throw new StorageError("keyring " + k + " is not readable");
            }
        });
        String who = "connect to ceph as client." + config.user() + " (" + config.cephConf() + ")";
        PointerByReference ref = new PointerByReference();
        check(LIB.rados_create(ref, config.user()), who + ": create client");
        Pointer h = ref.getValue();
        try {
            check(LIB.rados_conf_read_file(h, config.cephConf().toString()), who + ": read ceph.conf");
            if (config.keyring().isPresent()) {
                check(LIB.rados_conf_set(h, "keyring", config.keyring().get().toString()), who + ": set keyring");
            }
            for (Map.Entry<String, String> e : config.timeoutOptions().entrySet()) {
                check(LIB.rados_conf_set(h, e.getKey(), e.getValue()), who + ": set " + e.getKey());
            }
            // One io thread: librbd 16.2's ImageState::complete_action_unlock wakes the caller of an open (or
            // refresh, set-snap, lock) and only then re-locks the ImageState's mutex; on a second io thread the
            // woken caller can close the image and free that mutex first (abort with std::system_error EINVAL,
            // heap corruption). With one thread, a close completes on the thread still finishing the open, so it
            // cannot overtake it. rbd_snap_unprotect cannot run on one thread: RbdCli runs it.
            check(LIB.rados_conf_set(h, "librados_thread_count", "1"), who + ": set librados_thread_count");
            // Keep librados' own logging away from our process' stderr.
            check(LIB.rados_conf_set(h, "log_to_stderr", "false"), who + ": set log_to_stderr");
            check(LIB.rados_conf_set(h, "err_to_stderr", "false"), who + ": set err_to_stderr");
            long start = System.nanoTime();
            check(LIB.rados_connect(h), who);
            LOG.debug("connected as client.{} in {} ms", config.user(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LIB.rados_shutdown(h);   // created here, never shared: freed here
            throw e;
        }
        return new RadosConnection(config, h);
    }

    /** The configuration this client was opened with. */
    public CephClientConfig config() {
        return config;
    }

    /**
     * Takes a lease: the native client stays allocated until it is closed. For handles that outlive one call
     * (an image held open).
     *
     * @throws RbdError.ConnectionClosed when {@link #close()} was called
     */
    public Lease lease(String what) {
        synchronized (this) {
            if (closedState.get()) {
                throw closedError(what);
            }
            leases++;
        }
        return new Lease();
    }

    /** Runs a call with the (cached, shared) IoCtx of a pool, under a lease. */
    public <T> T withIoCtx(String pool, String what, IoCtxCall<T> call) {
        Lease lease = lease(what);
        try {
            return NativeCalls.serially(() -> call.apply(ioctx(pool)));
        } catch (IOException e) {
            throw translate(what, e);
        } finally {
            lease.close();
        }
    }

    /** Runs a call with the cluster handle, under a lease. */
    public <T> T withCluster(String what, ClusterCall<T> call) {
        Lease lease = lease(what);
        try {
            return NativeCalls.serially(() -> call.apply(cluster));
        } catch (IOException e) {
            throw translate(what, e);
        } finally {
            lease.close();
        }
    }

    /** The cluster fsid ({@code rbd_utils.get_fsid}). */
    public String fsid() {
        return withCluster("read cluster fsid", h -> {
            byte[] buf = new byte[37];
            int rc = LIB.rados_cluster_fsid(h, buf, buf.length);
            if (rc < 0) {
                throw new RadosException("read cluster fsid", rc);
            }
            return new String(buf, 0, rc, StandardCharsets.US_ASCII);
        });
    }

    /** The names of the cluster's pools ({@code rados_pool_list}). */
    public List<String> poolList() {
        return withCluster("list pools", h -> {
            int rc = LIB.rados_pool_list(h, new byte[0], 0);
            byte[] buf = new byte[Math.max(rc, 0) + 256];
            rc = LIB.rados_pool_list(h, buf, buf.length);
            if (rc < 0 || rc > buf.length) {
                throw new RadosException("list pools", rc < 0 ? rc : -Errno.ERANGE);
            }
            List<String> pools = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < rc; i++) {
                if (buf[i] == 0) {
                    if (i > start) {
                        pools.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            return List.copyOf(pools);
        });
    }

    /** Whether {@link #close()} was called (the client may still be draining its last leases). */
    public boolean isClosed() {
        return closedState.get();
    }

    /**
     * Refuses new calls from now on and frees the native client once no lease is held (at once when idle).
     * Idempotent; never blocks.
     */
    @Override
    public void close() {
        boolean free;
        synchronized (this) {
            if (!closedState.compareAndSet(false, true)) {
                return;
            }
            free = leases == 0 && !freed;
            freed |= free;
        }
        leakReport.clean();
        if (free) {
            freeNative();
        }
    }

    private void release() {
        boolean free;
        synchronized (this) {
            leases--;
            free = closedState.get() && leases == 0 && !freed;
            freed |= free;
        }
        if (free) {
            freeNative();
        }
    }

    /** Only once, only with no lease held: nobody can be inside an IoCtx or image of this client. */
    private void freeNative() {
        NativeCalls.serially(() -> {
            freeNativeNow();
            return null;
        });
    }

    private void freeNativeNow() {
        synchronized (ioctxs) {
            for (IoCTX io : ioctxs.values()) {
                LIB.rados_ioctx_destroy(io.getPointer());
            }
            ioctxs.clear();
        }
        LIB.rados_shutdown(cluster);
        LOG.debug("ceph client of client.{} shut down", config.user());
    }

    private IoCTX ioctx(String pool) throws IOException {
        synchronized (ioctxs) {
            IoCTX io = ioctxs.get(pool);
            if (io == null) {
                PointerByReference ref = new PointerByReference();
                int rc = LIB.rados_ioctx_create(cluster, pool, ref);
                if (rc < 0) {
                    throw new RadosException("open pool " + pool, rc);
                }
                // rados-java's IoCTX reads the rados_ioctx_t from a pointer-sized cell
                Memory cell = new Memory(Native.POINTER_SIZE);
                cell.setPointer(0, ref.getValue());
                io = new IoCTX(cell);
                ioctxs.put(pool, io);
            }
            return io;
        }
    }

    private RbdError closedError(String what) {
        return new RbdError.ConnectionClosed(what + ": the ceph connection of client." + config.user() + " is closed");
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw RbdError.of(what, rc, null);
        }
    }

    private static RuntimeException translate(String what, IOException e) {
        int rc = 0;
        if (e instanceof RbdException re) {
            rc = re.getReturnValue();
        } else if (e instanceof RadosException re) {
            rc = re.getReturnValue();
        }
        if (e instanceof TypedIOException se) {
            return se.error();
        }
        return RbdError.of(what, rc == 0 ? -Errno.EIO : rc, null);
    }

    /** Lets a call raise a typed {@link NovaException} through the {@link IoCtxCall} signature. */
    public static final class TypedIOException extends IOException {
        private static final long serialVersionUID = 1L;
        private final NovaException error;

        public TypedIOException(NovaException error) {
            super(error.getMessage(), error);
            this.error = error;
        }

        public NovaException error() {
            return error;
        }
    }
}
