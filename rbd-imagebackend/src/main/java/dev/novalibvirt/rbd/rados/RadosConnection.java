package dev.novalibvirt.rbd.rados;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.ceph.rbd.RbdException;
import com.sun.jna.Pointer;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.RbdError;
import dev.novalibvirt.rbd.jna.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected librados client, owned: Nova's {@code rbd_utils.RADOSClient}/{@code _connect_to_rados}, but
 * reused across calls instead of reconnecting per operation.
 *
 * <p>Why owned: rados-java frees the native handle only in {@code finalize()}, on the finalizer thread, at
 * an unknown time; CloudStack learned that leaking handles and waiting on librados' default infinite op
 * timeouts parks threads forever. Here {@link #close()} destroys every IoCtx and shuts the client down
 * deterministically, and the timeouts of {@link CephClientConfig} bound every call.
 *
 * <p>Concurrency: librados handles are thread-safe; calls run under a shared read lock and {@link #close()}
 * takes the write lock, so no call can use a handle while (or after) it is freed.
 */
public final class RadosConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RadosConnection.class);

    /** rados-java's handle, subclassed only to reach the protected native cluster pointer. */
    private static final class OwnedRados extends Rados {
        OwnedRados(String id) {
            super(id);
        }

        Pointer handle() {
            return clusterPtr;
        }
    }

    /** A call with a pool's IoCtx. */
    @FunctionalInterface
    public interface IoCtxCall<T> {
        T apply(IoCTX ioctx) throws IOException;
    }

    /** A call with the cluster handle (rados-java object and raw {@code rados_t}). */
    @FunctionalInterface
    public interface ClusterCall<T> {
        T apply(Rados rados, Pointer clusterHandle) throws IOException;
    }

    private final CephClientConfig config;
    private final OwnedRados rados;
    private final Map<String, IoCTX> ioctxs = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private RadosConnection(CephClientConfig config, OwnedRados rados) {
        this.config = config;
        this.rados = rados;
    }

    /**
     * Creates the client, reads ceph.conf, applies the keyring and timeouts, and connects; fails within
     * about {@code connectTimeout} when no monitor answers.
     *
     * @throws RbdError.CephTimeout when the monitors do not answer in time
     * @throws StorageError         for any other failure (bad ceph.conf, auth refused...)
     */
    public static RadosConnection connect(CephClientConfig config) {
        if (!Files.isReadable(config.cephConf())) {
            throw new StorageError("ceph.conf " + config.cephConf() + " is not readable");
        }
        config.keyring().ifPresent(k -> {
            if (!Files.isReadable(k)) {
                throw new StorageError("keyring " + k + " is not readable");
            }
        });
        String who = "connect to ceph as client." + config.user() + " (" + config.cephConf() + ")";
        OwnedRados r = new OwnedRados(config.user());
        try {
            r.confReadFile(config.cephConf().toFile());
            if (config.keyring().isPresent()) {
                r.confSet("keyring", config.keyring().get().toString());
            }
            for (Map.Entry<String, String> e : config.timeoutOptions().entrySet()) {
                r.confSet(e.getKey(), e.getValue());
            }
            // Keep librados' own logging away from our process' stderr.
            r.confSet("log_to_stderr", "false");
            r.confSet("err_to_stderr", "false");
            long start = System.nanoTime();
            r.connect();
            LOG.debug("connected as client.{} in {} ms", config.user(), (System.nanoTime() - start) / 1_000_000);
        } catch (RadosException e) {
            r.shutDown();
            throw RbdError.of(who, e.getReturnValue() == 0 ? -Errno.EIO : e.getReturnValue(), null);
        } catch (RuntimeException | Error e) {
            r.shutDown();
            throw e;
        }
        return new RadosConnection(config, r);
    }

    /** The configuration this client was opened with. */
    public CephClientConfig config() {
        return config;
    }

    /** Runs a call with the (cached, shared) IoCtx of a pool. */
    public <T> T withIoCtx(String pool, String what, IoCtxCall<T> call) {
        lock.readLock().lock();
        try {
            ensureOpen();
            IoCTX io = ioctx(pool);
            return call.apply(io);
        } catch (IOException e) {
            throw translate(what, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a call with the cluster handle. */
    public <T> T withCluster(String what, ClusterCall<T> call) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return call.apply(rados, rados.handle());
        } catch (IOException e) {
            throw translate(what, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The cluster fsid ({@code rbd_utils.get_fsid}). */
    public String fsid() {
        return withCluster("read cluster fsid", (r, h) -> r.clusterFsid());
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Destroys all IoCtxs and shuts the client down; waits for running calls. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (IoCTX io : ioctxs.values()) {
                rados.ioCtxDestroy(io);
            }
            ioctxs.clear();
            rados.shutDown();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private IoCTX ioctx(String pool) throws IOException {
        IoCTX io = ioctxs.get(pool);
        if (io != null) {
            return io;
        }
        synchronized (ioctxs) {
            io = ioctxs.get(pool);
            if (io == null) {
                try {
                    io = rados.ioCtxCreate(pool);
                } catch (RadosException e) {
                    throw new RadosException("open pool " + pool, e.getReturnValue());
                }
                ioctxs.put(pool, io);
            }
            return io;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageError("ceph connection of client." + config.user() + " is closed");
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
