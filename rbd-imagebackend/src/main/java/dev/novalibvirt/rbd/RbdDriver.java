package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.ceph.rbd.jna.RbdSnapInfo;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.core.exception.SnapshotNotFound;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.core.image.SnapshotInfo;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.jna.LibRbd;
import dev.novalibvirt.rbd.rados.CephClientConfig;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonCommands;
import dev.novalibvirt.rbd.rados.MonMap;
import dev.novalibvirt.rbd.rados.MonProtocol;
import dev.novalibvirt.rbd.rados.RadosClients;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RBD operations for instance disks: Nova's {@code nova/storage/rbd_utils.py RBDDriver} on rados-java plus our
 * JNA binding. Names and sizes are validated before the cluster is touched; failures are typed
 * ({@link RbdError} and its subclasses, {@link InvalidInput}, {@link ResizeError}, {@link ImageUnacceptable}).
 *
 * <p>One driver holds one lazily acquired {@link RadosConnection}, shared by all its threads and by every other
 * driver of the same Ceph client configuration in the process ({@link RadosClients}); {@link #close()} closes
 * the images it opened and releases the client, which shuts down when its last driver is closed.
 */
public final class RbdDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RbdDriver.class);
    private static final LibRbd LIB = LibRbd.INSTANCE;

    private final RbdConfig config;
    private final DestroyRetry destroyRetry;
    private final RbdCli cli;
    private final Set<OpenRbdImage> openImages = ConcurrentHashMap.newKeySet();
    private RadosClients.Ref client;
    private boolean closed;

    public RbdDriver(RbdConfig config) {
        this(config, d -> Thread.sleep(d.toMillis()));
    }

    /** With an injected sleeper for the destroy retry schedule. */
    public RbdDriver(RbdConfig config, DestroyRetry.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.destroyRetry = new DestroyRetry(config.destroyRetries(), config.destroyRetryInterval(), sleeper);
        this.cli = new RbdCli(config);
    }

    public RbdConfig config() {
        return config;
    }

    /**
     * The shared connection, connecting on first use; {@link RbdError.CephTimeout} within about
     * {@code rbd_connect_timeout} when no monitor answers.
     */
    public synchronized RadosConnection connection() {
        if (closed) {
            throw new RbdError.ConnectionClosed("the rbd driver of client." + config.user() + " is closed");
        }
        if (client != null && client.connection().isClosed()) {   // closed under us: take a new one
            client.close();
            client = null;
        }
        if (client == null) {
            client = RadosClients.acquire(new CephClientConfig(config.cephConf(), config.user(),
                    config.keyring(), config.connectTimeout(), config.opTimeout()));
        }
        return client.connection();
    }

    /** Mon-command plumbing on this driver's connection (reusable: {@code osd blocklist}, ...). */
    public MonCommands monCommands() {
        return new MonCommands(connection());
    }

    /** The cluster fsid ({@code get_fsid}). */
    public String fsid() {
        return connection().fsid();
    }

    /** The current monitor map ({@code mon dump}). */
    public MonMap monMap() {
        return monCommands().monDump();
    }

    /** One address per current monitor, preferring {@code protocol} ({@code get_mon_addrs}, v1 and v2). */
    public List<MonAddress> monitorAddresses(MonProtocol protocol) {
        return monCommands().monitorAddresses(protocol);
    }

    // ------------------------------------------------------------------ queries

    /** Names of the images in a pool. */
    public List<String> list(String pool) {
        RbdNames.pool(pool);
        return connection().withIoCtx(pool, "list images of pool " + pool,
                io -> List.of(new Rbd(io).list()));
    }

    /** Whether an image exists ({@code exists}); opens it read-only, so it adds no watcher. */
    public boolean exists(String pool, String name) {
        return exists(pool, name, null);
    }

    /** Whether an image (at a snapshot, if given) exists. */
    public boolean exists(String pool, String name, String snapshot) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        if (snapshot != null) {
            RbdNames.snapshot(snapshot);
        }
        return connection().withIoCtx(pool, "open " + pool + "/" + name, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img;
            try {
                img = snapshot == null ? rbd.openReadOnly(name) : rbd.openReadOnly(name, snapshot);
            } catch (RbdException e) {
                if (Math.abs(e.getReturnValue()) == Errno.ENOENT) {
                    return false;
                }
                throw e;
            }
            rbd.close(img);
            return true;
        });
    }

    /** Virtual size in bytes ({@code size}). */
    public long size(String pool, String name) {
        return readOnly(pool, name, "size of", (rbd, img) -> img.stat().size);
    }

    /** Parent of a clone ({@code parent_info}, via {@code rbd_get_parent}); empty for a non-clone. */
    public Optional<ParentInfo> parent(String pool, String name) {
        return readOnly(pool, name, "parent of", (rbd, img) -> {
            LibRbd.LinkedImageSpec spec = new LibRbd.LinkedImageSpec();
            LibRbd.SnapSpec snap = new LibRbd.SnapSpec();
            int rc = LIB.rbd_get_parent(img.getPointer(), spec, snap);
            if (rc == -Errno.ENOENT) {
                return Optional.empty();
            }
            if (rc < 0) {
                throw new RbdException("get parent", rc);
            }
            try {
                return Optional.of(new ParentInfo(OpenRbdImage.LibRbdStrings.of(spec.pool_name),
                        OpenRbdImage.LibRbdStrings.of(spec.image_name), OpenRbdImage.LibRbdStrings.of(snap.name)));
            } finally {
                LIB.rbd_linked_image_spec_cleanup(spec);
                LIB.rbd_snap_spec_cleanup(snap);
            }
        });
    }

    /** Feature bits of an image ({@code rbd_get_features}). */
    public long features(String pool, String name) {
        return readOnly(pool, name, "features of", (rbd, img) -> features(img));
    }

    /** Snapshots of an image. */
    public List<SnapshotInfo> snapshots(String pool, String name) {
        return readOnly(pool, name, "snapshots of", (rbd, img) -> {
            List<SnapshotInfo> out = new ArrayList<>();
            for (RbdSnapInfo s : img.snapList()) {
                out.add(new SnapshotInfo(s.name, s.size, img.snapIsProtected(s.name)));
            }
            return List.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ creation

    /** Creates an empty image with the cluster's default format and features. */
    public void create(String pool, String name, long sizeBytes) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        RbdNames.size(sizeBytes);
        connection().withIoCtx(pool, "create " + pool + "/" + name, io -> {
            new Rbd(io).create(name, sizeBytes);
            return null;
        });
    }

    /**
     * Whether a location can be cloned here ({@code is_cloneable}): it parses, its fsid is ours, the format
     * is raw, and the snapshot exists. Never throws for a bad location: answers false.
     */
    public boolean isCloneable(String url, String diskFormat) {
        RbdLocation loc;
        try {
            loc = RbdLocation.parse(url);
        } catch (ImageUnacceptable e) {
            LOG.debug("not cloneable: {}", e.getMessage());
            return false;
        }
        if (!loc.fsid().equalsIgnoreCase(fsid())) {
            LOG.debug("not cloneable: {} is in another cluster", loc);
            return false;
        }
        if (!"raw".equals(diskFormat)) {
            LOG.debug("not cloneable: {} has format {}", loc, diskFormat);
            return false;
        }
        try {
            return exists(loc.pool(), loc.image(), loc.snapshot());
        } catch (RbdError e) {
            LOG.debug("not cloneable: {}: {}", loc, e.getMessage());
            return false;
        }
    }

    /**
     * Copy-on-write clone of a (protected) snapshot ({@code clone}) into {@code destPool/destName}, with the
     * parent's features.
     *
     * @throws Forbidden        when the cephx user may not read the source or write the destination
     * @throws RbdError.ImageExists when the destination exists
     */
    public void clone(RbdLocation source, String destPool, String destName) {
        RbdNames.pool(destPool);
        RbdNames.image(destName);
        String what = "clone " + source + " to " + destPool + "/" + destName;
        try {
            connection().withIoCtx(source.pool(), what, src -> {
                long features;
                Rbd srcRbd = new Rbd(src);
                RbdImage parent = srcRbd.openReadOnly(source.image(), source.snapshot());
                try {
                    features = features(parent);
                } finally {
                    srcRbd.close(parent);
                }
                return connection().withIoCtx(destPool, what, dst -> {
                    int rc = LIB.rbd_clone(src.getPointer(), source.image(), source.snapshot(), dst.getPointer(),
                            destName, features, new IntByReference(0));
                    if (rc < 0) {
                        throw new RbdException(what, rc);
                    }
                    return null;
                });
            });
        } catch (RbdError.PermissionDenied e) {
            throw new Forbidden(what + ": permission denied for client." + config.user(), e);
        }
    }

    /**
     * Imports a local raw file sparsely (zero blocks are not written) as {@code pool/name}; on failure the
     * half-written image is removed. Nova shells out to {@code rbd import} for this.
     */
    public SparseImporter.Stats importFile(Path rawFile, String pool, String name) {
        return new SparseImporter(this).importFile(rawFile, pool, name);
    }

    // ------------------------------------------------------------------ changes

    /**
     * Grows an image ({@code resize}); equal size is a no-op.
     *
     * @throws ResizeError when {@code newSizeBytes} is smaller than the image (nothing is changed)
     */
    public void resize(String pool, String name, long newSizeBytes) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        RbdNames.size(newSizeBytes);
        readWrite(pool, name, "resize", (rbd, img) -> {
            long current = img.stat().size;
            if (newSizeBytes < current) {
                throw new RadosConnection.TypedIOException(new ResizeError(pool + "/" + name + " is " + current
                        + " bytes; shrinking to " + newSizeBytes + " is refused"));
            }
            if (newSizeBytes > current) {
                img.resize(newSizeBytes);
            }
            return null;
        });
    }

    /** Copies parent data into a clone and detaches it ({@code flatten}); no-op for a non-clone. */
    public void flatten(String pool, String name) {
        if (parent(pool, name).isEmpty()) {
            return;
        }
        readWrite(pool, name, "flatten", (rbd, img) -> {
            img.flatten();
            return null;
        });
    }

    /** Creates a snapshot, protected if asked ({@code create_snap}). */
    public void createSnapshot(String pool, String name, String snapshot, boolean protect) {
        RbdNames.snapshot(snapshot);
        readWrite(pool, name, "snapshot", (rbd, img) -> {
            img.snapCreate(snapshot);
            if (protect) {
                img.snapProtect(snapshot);
            }
            return null;
        });
    }

    /**
     * Removes a snapshot ({@code remove_snap}): a protected one is unprotected only with {@code force}; a
     * missing one is ignored with {@code ignoreErrors}.
     */
    public void removeSnapshot(String pool, String name, String snapshot, boolean ignoreErrors, boolean force) {
        RbdNames.snapshot(snapshot);
        String what = pool + "/" + name + "@" + snapshot;
        try {
            Optional<Boolean> isProtected = readOnly(pool, name, "snapshots of", (rbd, img) ->
                    img.snapList().stream().anyMatch(s -> snapshot.equals(s.name))
                            ? Optional.of(img.snapIsProtected(snapshot)) : Optional.<Boolean>empty());
            if (isProtected.isEmpty()) {
                if (ignoreErrors) {
                    return;
                }
                throw RbdError.of("remove snapshot " + what, -Errno.ENOENT, null);
            }
            if (isProtected.get()) {
                if (!force) {
                    throw RbdError.of("remove protected snapshot " + what + " without force", -Errno.EBUSY, null);
                }
                cli.snapUnprotect(pool, name, snapshot);   // cannot run on our one io thread: see RbdCli
            }
            readWrite(pool, name, "remove snapshot " + snapshot + " of", (rbd, img) -> {
                img.snapRemove(snapshot);
                return null;
            });
        } catch (RbdError.ImageNotFound e) {
            if (!ignoreErrors) {
                throw e;
            }
        }
    }

    /**
     * Rolls an image back to a snapshot ({@code rollback_to_snap}).
     *
     * @throws SnapshotNotFound when the snapshot does not exist
     */
    public void rollbackToSnapshot(String pool, String name, String snapshot) {
        RbdNames.snapshot(snapshot);
        readWrite(pool, name, "rollback", (rbd, img) -> {
            if (img.snapList().stream().noneMatch(s -> snapshot.equals(s.name))) {
                throw new RadosConnection.TypedIOException(new SnapshotNotFound(pool + "/" + name + "@" + snapshot));
            }
            img.snapRollBack(snapshot);
            return null;
        });
    }

    // ------------------------------------------------------------------ removal

    /**
     * Removes an image with Nova's bounded retry on busy ({@code _destroy_volume}).
     *
     * @return true if removed, false if it did not exist
     */
    public boolean destroyVolume(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        return destroyRetry.destroy(pool + "/" + name, new DestroyRetry.Volume() {
            @Override
            public void remove() {
                connection().withIoCtx(pool, "remove " + pool + "/" + name, io -> {
                    new Rbd(io).remove(name);
                    return null;
                });
            }

            @Override
            public void removeSnapshot(String snapshot) {
                RbdDriver.this.removeSnapshot(pool, name, snapshot, true, true);
            }
        });
    }

    /**
     * Removes an image after removing all its snapshots (unprotecting them); for test and benchmark
     * cleanup and {@code cleanup_direct_snapshot(also_destroy_volume=True)}. A snapshot with clones stays and
     * the removal then fails with {@link RbdError.ImageHasSnapshots}.
     */
    public boolean purgeVolume(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        if (!exists(pool, name)) {
            return false;
        }
        for (SnapshotInfo s : snapshots(pool, name)) {
            removeSnapshot(pool, name, s.name(), true, true);
        }
        return destroyVolume(pool, name);
    }

    /** Removes every image of a pool that the filter accepts ({@code cleanup_volumes}). */
    public List<String> cleanupVolumes(String pool, Predicate<String> filter) {
        List<String> removed = new ArrayList<>();
        for (String name : list(pool)) {
            if (filter.test(name) && destroyVolume(pool, name)) {
                removed.add(name);
            }
        }
        return List.copyOf(removed);
    }

    /**
     * Removes exactly the disks of one instance: images named {@code <uuid>_<something>}. Unlike a bare
     * {@code startswith(uuid)} it cannot hit another instance, and an empty or malformed uuid is refused
     * before anything is listed.
     *
     * @throws InvalidInput for a uuid that is not canonical
     */
    public List<String> cleanupInstance(String pool, String instanceUuid) {
        String prefix = InstanceDisk.requireInstanceUuid(instanceUuid) + "_";
        return cleanupVolumes(pool, n -> n.startsWith(prefix) && n.length() > prefix.length());
    }

    // ------------------------------------------------------------------ locks and watchers

    /** Opens an image read-write for watcher/lock queries; close it. */
    public OpenRbdImage open(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String what = "open " + pool + "/" + name;
        RadosConnection c = connection();
        RadosConnection.Lease lease = c.lease(what);   // held by the image until it is closed
        OpenRbdImage img;
        try {
            img = c.withIoCtx(pool, what, io -> {
                Rbd rbd = new Rbd(io);
                return new OpenRbdImage(this, rbd, rbd.open(name), pool, name, lease);
            });
        } catch (RuntimeException | Error e) {
            lease.close();   // no image holds it
            throw e;
        }
        openImages.add(img);
        if (isClosed()) {   // close() ran meanwhile and may not have seen it
            img.close();
            throw new RbdError.ConnectionClosed(what + ": the rbd driver of client." + config.user() + " is closed");
        }
        return img;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The watchers of an image (a running guest's QEMU is one). */
    public List<Watcher> watchers(String pool, String name) {
        return readOnly(pool, name, "watchers of", (rbd, img) -> {
            // A read-only open adds no watch, so the list shows only other clients.
            return OpenRbdImage.watchers(img.getPointer(), pool + "/" + name);
        });
    }

    /**
     * The managed-lock owners of an image (empty when unlocked). librbd answers EINVAL on a read-only handle,
     * so this opens read-write, which adds a short-lived watch but never takes the lock.
     */
    public List<LockOwner> lockOwners(String pool, String name) {
        return readWrite(pool, name, "lock owners of", (rbd, img) ->
                OpenRbdImage.lockOwners(img.getPointer(), pool + "/" + name));
    }

    /** Watchers and advisory lockers of an image as one read of it. */
    public record Holders(List<Watcher> watchers, Lockers lockers) {
        public Holders {
            watchers = List.copyOf(watchers);
            Objects.requireNonNull(lockers, "lockers");
        }
    }

    /**
     * The watchers and advisory lockers of an image through ONE read-only open (adds no watch); empty when the
     * image does not exist. What a disk guard asks before every start, so one open instead of three.
     */
    public Optional<Holders> holders(String pool, String name) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String spec = pool + "/" + name;
        return connection().withIoCtx(pool, "holders of " + spec, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img;
            try {
                img = rbd.openReadOnly(name);
            } catch (RbdException e) {
                if (Math.abs(e.getReturnValue()) == Errno.ENOENT) {
                    return Optional.empty();
                }
                throw e;
            }
            try {
                return Optional.of(new Holders(OpenRbdImage.watchers(img.getPointer(), spec),
                        OpenRbdImage.lockers(img.getPointer(), spec)));
            } finally {
                rbd.close(img);
            }
        });
    }

    /** The advisory lockers of an image. */
    public Lockers lockers(String pool, String name) {
        return readOnly(pool, name, "lockers of", (rbd, img) ->
                OpenRbdImage.lockers(img.getPointer(), pool + "/" + name));
    }

    /** Breaks an advisory lock ({@code rbd lock rm}). */
    public void breakLock(String pool, String name, String client, String cookie) {
        try (OpenRbdImage img = open(pool, name)) {
            img.breakLock(client, cookie);
        }
    }

    void forget(OpenRbdImage img) {
        openImages.remove(img);
    }

    /** Closes open images and the connection. Idempotent. */
    @Override
    public void close() {
        RadosClients.Ref c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            c = client;
            client = null;
        }
        for (OpenRbdImage img : openImages) {
            img.closeForShutdown();
        }
        openImages.clear();
        if (c != null) {
            c.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    interface ImageCall<T> {
        T apply(Rbd rbd, RbdImage image) throws IOException;
    }

    <T> T readOnly(String pool, String name, String what, ImageCall<T> call) {
        return withImage(pool, name, true, what, call);
    }

    <T> T readWrite(String pool, String name, String what, ImageCall<T> call) {
        return withImage(pool, name, false, what, call);
    }

    private <T> T withImage(String pool, String name, boolean readOnly, String what, ImageCall<T> call) {
        RbdNames.pool(pool);
        RbdNames.image(name);
        String desc = what + " " + pool + "/" + name;
        return connection().withIoCtx(pool, desc, io -> {
            Rbd rbd = new Rbd(io);
            RbdImage img = readOnly ? rbd.openReadOnly(name) : rbd.open(name);
            try {
                return call.apply(rbd, img);
            } finally {
                rbd.close(img);
            }
        });
    }

    static long features(RbdImage img) throws RbdException {
        LongByReference f = new LongByReference();
        int rc = LIB.rbd_get_features(img.getPointer(), f);
        if (rc < 0) {
            throw new RbdException("get features", rc);
        }
        return f.getValue();
    }
}
