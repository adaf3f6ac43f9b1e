package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.core.exception.SnapshotNotFound;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.core.image.SnapshotInfo;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.rbd.rados.CephClientConfig;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonCommands;
import dev.novalibvirt.rbd.rados.MonMap;
import dev.novalibvirt.rbd.rados.MonProtocol;
import dev.novalibvirt.rbd.rados.RadosClients;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.metrics.RbdMetrics;
import dev.novalibvirt.rbd.rados.RbdError;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RBD operations for instance disks: Nova's {@code nova/storage/rbd_utils.py RBDDriver} on rados-java plus our
 * JNA binding. Names and sizes are validated before the cluster is touched; failures are typed
 * ({@link RbdError} and its subclasses, {@link InvalidInput}, {@link ResizeError}, {@link ImageUnacceptable}).
 *
 * <p>One driver holds one lazily acquired {@link RadosConnection}, shared by all its threads and by every other
 * driver of the same Ceph client configuration in the process ({@link RadosClients}); {@link #close()} closes
 * the images it opened and releases the client, which shuts down when its last driver is closed.
 *
 * <p>A facade: it owns the connection and its lifecycle; the work is done by package-private classes, one per
 * concern ({@link ImageQueries}, {@link ImageLifecycle}, {@link Snapshots}, {@link VolumeRemoval},
 * {@link ImageHolders}), all opening images through {@link ImageAccess}. Its changes and opens are timed into
 * {@link RbdMetrics} (none by default); queries are not, being many and cheap.
 */
public final class RbdDriver implements AutoCloseable {

    private final RbdConfig config;
    private final ImageQueries queries;
    private final ImageLifecycle lifecycle;
    private final Snapshots snapshots;
    private final VolumeRemoval removal;
    private final ImageHolders holders;
    private final RbdMetrics metrics;
    private RadosClients.Ref client;
    private boolean closed;

    public RbdDriver(RbdConfig config) {
        this(config, d -> Thread.sleep(d.toMillis()));
    }

    /** With an injected sleeper for the destroy retry schedule. */
    public RbdDriver(RbdConfig config, DestroyRetry.Sleeper sleeper) {
        this(config, sleeper, RbdMetrics.none());
    }

    /** With meters of its operations ({@link RbdMetrics#micrometer} for a Micrometer registry). */
    public RbdDriver(RbdConfig config, RbdMetrics metrics) {
        this(config, d -> Thread.sleep(d.toMillis()), metrics);
    }

    /** With an injected sleeper for the destroy retry schedule and meters of its operations. */
    public RbdDriver(RbdConfig config, DestroyRetry.Sleeper sleeper, RbdMetrics metrics) {
        this.config = Checks.required(config, "RbdDriver config");
        this.metrics = Checks.required(metrics, "RbdDriver metrics");
        DestroyRetry destroyRetry = new DestroyRetry(config.destroyRetries(), config.destroyRetryInterval(), sleeper);
        ImageAccess access = new ImageAccess(this::connection);
        this.queries = new ImageQueries(access);
        this.lifecycle = new ImageLifecycle(config, access, queries);
        this.snapshots = new Snapshots(access, new RbdCli(config));
        this.removal = new VolumeRemoval(access, queries, snapshots, destroyRetry);
        this.holders = new ImageHolders(this, access);
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

    // ------------------------------------------------------------------ queries (ImageQueries)

    /** Names of the images in a pool. */
    public List<String> list(String pool) {
        return queries.list(pool);
    }

    /** Whether an image exists ({@code exists}); opens it read-only, so it adds no watcher. */
    public boolean exists(String pool, String name) {
        return exists(pool, name, null);
    }

    /** Whether an image (at a snapshot, if given) exists. */
    public boolean exists(String pool, String name, String snapshot) {
        return queries.exists(pool, name, snapshot);
    }

    /** Virtual size in bytes ({@code size}). */
    public long size(String pool, String name) {
        return queries.size(pool, name);
    }

    /** Parent of a clone ({@code parent_info}, via {@code rbd_get_parent}); empty for a non-clone. */
    public Optional<ParentInfo> parent(String pool, String name) {
        return queries.parent(pool, name);
    }

    /** Feature bits of an image ({@code rbd_get_features}). */
    public long features(String pool, String name) {
        return queries.features(pool, name);
    }

    /** Snapshots of an image. */
    public List<SnapshotInfo> snapshots(String pool, String name) {
        return snapshots.list(pool, name);
    }

    // ------------------------------------------------------------------ creation (ImageLifecycle)

    /** Creates an empty image with the cluster's default format and features. */
    public void create(String pool, String name, long sizeBytes) {
        metrics.timedRun("create", () -> lifecycle.create(pool, name, sizeBytes));
    }

    /**
     * Whether a location can be cloned here ({@code is_cloneable}): it parses, its fsid is ours, the format
     * is raw, and the snapshot exists. Never throws for a bad location: answers false.
     */
    public boolean isCloneable(String url, String diskFormat) {
        return lifecycle.isCloneable(url, diskFormat);
    }

    /**
     * Copy-on-write clone of a (protected) snapshot ({@code clone}) into {@code destPool/destName}, with the
     * parent's features.
     *
     * @throws Forbidden        when the cephx user may not read the source or write the destination
     * @throws RbdError.ImageExists when the destination exists
     */
    public void clone(RbdLocation source, String destPool, String destName) {
        Checks.required(source, "clone source");
        metrics.timedRun("clone", () -> lifecycle.clone(source, destPool, destName));
    }

    /**
     * Imports a local raw file sparsely (zero blocks are not written) as {@code pool/name}; on failure the
     * half-written image is removed. Nova shells out to {@code rbd import} for this.
     */
    public SparseImporter.Stats importFile(Path rawFile, String pool, String name) {
        return metrics.timed("import", () -> new SparseImporter(this).importFile(rawFile, pool, name));
    }

    // ------------------------------------------------------------------ changes (ImageLifecycle, Snapshots)

    /**
     * Grows an image ({@code resize}); equal size is a no-op.
     *
     * @throws ResizeError when {@code newSizeBytes} is smaller than the image (nothing is changed)
     */
    public void resize(String pool, String name, long newSizeBytes) {
        metrics.timedRun("resize", () -> lifecycle.resize(pool, name, newSizeBytes));
    }

    /** Copies parent data into a clone and detaches it ({@code flatten}); no-op for a non-clone. */
    public void flatten(String pool, String name) {
        metrics.timedRun("flatten", () -> lifecycle.flatten(pool, name));
    }

    /** Creates a snapshot, protected if asked ({@code create_snap}). */
    public void createSnapshot(String pool, String name, String snapshot, boolean protect) {
        metrics.timedRun("snap_create", () -> snapshots.create(pool, name, snapshot, protect));
    }

    /**
     * Removes a snapshot ({@code remove_snap}): a protected one is unprotected only with {@code force}; a
     * missing one is ignored with {@code ignoreErrors}.
     */
    public void removeSnapshot(String pool, String name, String snapshot, boolean ignoreErrors, boolean force) {
        metrics.timedRun("snap_remove", () -> snapshots.remove(pool, name, snapshot, ignoreErrors, force));
    }

    /**
     * Rolls an image back to a snapshot ({@code rollback_to_snap}).
     *
     * @throws SnapshotNotFound when the snapshot does not exist
     */
    public void rollbackToSnapshot(String pool, String name, String snapshot) {
        metrics.timedRun("snap_rollback", () -> snapshots.rollback(pool, name, snapshot));
    }

    // ------------------------------------------------------------------ removal (VolumeRemoval)

    /**
     * Removes an image with Nova's bounded retry on busy ({@code _destroy_volume}).
     *
     * @return true if removed, false if it did not exist
     */
    public boolean destroyVolume(String pool, String name) {
        return metrics.timed("remove", () -> removal.destroy(pool, name));
    }

    /**
     * Removes an image after removing all its snapshots (unprotecting them); for test and benchmark
     * cleanup and {@code cleanup_direct_snapshot(also_destroy_volume=True)}. A snapshot with clones stays and
     * the removal then fails with {@link RbdError.ImageHasSnapshots}.
     */
    public boolean purgeVolume(String pool, String name) {
        return metrics.timed("purge", () -> removal.purge(pool, name));
    }

    /** Removes every image of a pool that the filter accepts ({@code cleanup_volumes}). */
    public List<String> cleanupVolumes(String pool, Predicate<String> filter) {
        return removal.cleanup(pool, Checks.required(filter, "cleanup filter"));
    }

    /**
     * Removes exactly the disks of one instance: images named {@code <uuid>_<something>}. Unlike a bare
     * {@code startswith(uuid)} it cannot hit another instance, and an empty or malformed uuid is refused
     * before anything is listed.
     *
     * @throws InvalidInput for a uuid that is not canonical
     */
    public List<String> cleanupInstance(String pool, String instanceUuid) {
        return removal.cleanupInstance(pool, instanceUuid);
    }

    // ------------------------------------------------------------------ locks and watchers (ImageHolders)

    /** Opens an image read-write for watcher/lock queries; close it. */
    public OpenRbdImage open(String pool, String name) {
        return metrics.timed("open", () -> holders.open(pool, name));
    }

    /** The watchers of an image (a running guest's QEMU is one). */
    public List<Watcher> watchers(String pool, String name) {
        return holders.watchers(pool, name);
    }

    /**
     * The managed-lock owners of an image (empty when unlocked). librbd answers EINVAL on a read-only handle,
     * so this opens read-write, which adds a short-lived watch but never takes the lock.
     */
    public List<LockOwner> lockOwners(String pool, String name) {
        return holders.lockOwners(pool, name);
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
        return holders.holders(pool, name);
    }

    /** The advisory lockers of an image. */
    public Lockers lockers(String pool, String name) {
        return holders.lockers(pool, name);
    }

    /** Breaks an advisory lock ({@code rbd lock rm}). */
    public void breakLock(String pool, String name, String client, String cookie) {
        metrics.timedRun("break_lock", () -> holders.breakLock(pool, name, client, cookie));
    }

    // ------------------------------------------------------------------ lifecycle of the driver

    synchronized boolean isClosed() {
        return closed;
    }

    void forget(OpenRbdImage img) {
        holders.forget(img);
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
        holders.closeAllForShutdown();
        if (c != null) {
            c.close();
        }
    }
}
