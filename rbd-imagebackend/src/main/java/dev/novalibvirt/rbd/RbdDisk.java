package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.core.image.SnapshotInfo;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.rbd.glance.GlanceImage;
import dev.novalibvirt.rbd.rados.RbdError;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance disk in RBD: Nova's {@code imagebackend.Rbd} image object, named {@code <uuid>_<disk>} in the
 * backend's pool.
 */
public final class RbdDisk implements Image {

    private static final Logger LOG = LoggerFactory.getLogger(RbdDisk.class);
    /** {@link #create}'s size for "the source's own size". */
    private static final long SOURCE_SIZE = 0;

    private final RbdImageBackend backend;
    private final RbdDriver driver;
    private final InstanceDisk disk;
    private final String pool;
    private final String name;

    RbdDisk(RbdImageBackend backend, InstanceDisk disk) {
        this.backend = backend;
        this.driver = backend.driver();
        this.disk = disk;
        this.pool = driver.config().pool();
        this.name = RbdNames.image(RbdImageBackend.rbdName(disk));
    }

    @Override
    public InstanceDisk disk() {
        return disk;
    }

    /** The pool of the disk. */
    public String pool() {
        return pool;
    }

    /** The RBD image name, {@code <uuid>_<disk>}. */
    public String rbdName() {
        return name;
    }

    /** {@code rbd:<pool>/<name>:id=<user>[:conf=<ceph.conf>]}, the qemu-img form Nova uses as path. */
    @Override
    public String path() {
        return "rbd:" + pool + "/" + name + ":id=" + driver.config().user() + ":conf=" + driver.config().cephConf();
    }

    @Override
    public boolean exists() {
        return driver.exists(pool, name);
    }

    @Override
    public long size() {
        try {
            return driver.size(pool, name);
        } catch (RbdError.ImageNotFound e) {
            throw new DiskNotFound(pool + "/" + name);
        }
    }

    /**
     * Creates the disk ({@code Rbd.create_image} with {@code Rbd.clone}): a Glance image or location is cloned
     * when cloneable, a local file imported, a blank disk created; then grown to {@code sizeBytes}. A source
     * larger than {@code sizeBytes} is refused before anything is created (Nova's
     * {@code FlavorDiskSmallerThanImage} check). {@code sizeBytes} 0 keeps the source's size (Nova's
     * {@code size=None}): no check, no resize.
     */
    @Override
    public void create(ImageSource source, long sizeBytes) {
        if (sizeBytes == SOURCE_SIZE) {
            if (source instanceof ImageSource.Blank) {
                throw new InvalidInput("a blank disk needs a size > 0 bytes (0 means the source image's size)");
            }
        } else {
            RbdNames.size(sizeBytes);
        }
        if (exists()) {
            long current = driver.size(pool, name);
            if (sizeBytes > current) {
                driver.resize(pool, name, sizeBytes);
            }
            return;
        }
        if (source instanceof ImageSource.Blank) {
            driver.create(pool, name, sizeBytes);
        } else if (source instanceof ImageSource.LocalFile f) {
            refuseSmaller(fileSize(f), sizeBytes, f.rawFile().toString());
            driver.importFile(f.rawFile(), pool, name);
            growTo(sizeBytes);
        } else if (source instanceof ImageSource.Location l) {
            if (!driver.isCloneable(l.url(), l.diskFormat())) {
                throw new ImageUnacceptable(RbdNames.printable(l.url()), "location is not cloneable into this cluster");
            }
            cloneFrom(RbdLocation.parse(l.url()), sizeBytes);
        } else if (source instanceof ImageSource.GlanceImage g) {
            cloneFromGlance(g.imageId(), sizeBytes);
        } else {
            throw new InvalidInput("unsupported image source " + source);
        }
    }

    private void cloneFromGlance(String imageId, long sizeBytes) {
        var glance = backend.glance().orElseThrow(() ->
                new ImageUnacceptable(imageId, "no Glance client configured for the rbd backend"));
        GlanceImage meta = glance.getImage(imageId);
        String format = meta.diskFormat();
        if (!"raw".equals(format) && !"iso".equals(format)) {
            throw new ImageUnacceptable(imageId, "Image is not raw format");
        }
        for (String url : meta.candidateUrls()) {
            if (driver.isCloneable(url, "raw")) {
                cloneFrom(RbdLocation.parse(url), sizeBytes);
                return;
            }
        }
        throw new ImageUnacceptable(imageId, "No image locations are accessible");
    }

    private void cloneFrom(RbdLocation src, long sizeBytes) {
        long srcSize = driver.snapshots(src.pool(), src.image()).stream()
                .filter(s -> s.name().equals(src.snapshot())).mapToLong(SnapshotInfo::sizeBytes).findFirst()
                .orElseThrow(() -> new ImageUnacceptable(src.toString(), "snapshot vanished"));
        refuseSmaller(srcSize, sizeBytes, src.toString());
        driver.clone(src, pool, name);
        growTo(sizeBytes);
    }

    private void growTo(long sizeBytes) {
        if (driver.size(pool, name) < sizeBytes) {
            driver.resize(pool, name, sizeBytes);
        }
    }

    private static void refuseSmaller(long sourceSize, long wanted, String what) {
        if (wanted != SOURCE_SIZE && wanted < sourceSize) {
            throw new ResizeError("requested disk size " + wanted + " is smaller than the image " + what
                    + " (" + sourceSize + " bytes)");
        }
    }

    private static long fileSize(ImageSource.LocalFile f) {
        try {
            return java.nio.file.Files.size(f.rawFile());
        } catch (java.io.IOException e) {
            throw new InvalidInput("cannot stat " + f.rawFile() + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void resize(long newSizeBytes) {
        driver.resize(pool, name, newSizeBytes);
    }

    @Override
    public boolean isSharedBlockStorage() {
        return true;
    }

    @Override
    public boolean isFileInInstancePath() {
        return false;
    }

    @Override
    public Optional<ParentInfo> parent() {
        return driver.parent(pool, name);
    }

    @Override
    public void flatten() {
        driver.flatten(pool, name);
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        return driver.snapshots(pool, name);
    }

    @Override
    public void createSnapshot(String snapshotName, boolean protect) {
        driver.createSnapshot(pool, name, snapshotName, protect);
    }

    @Override
    public void removeSnapshot(String snapshotName, boolean ignoreErrors, boolean force) {
        driver.removeSnapshot(pool, name, snapshotName, ignoreErrors, force);
    }

    @Override
    public void rollbackToSnapshot(String snapshotName) {
        driver.rollbackToSnapshot(pool, name, snapshotName);
    }

    /**
     * Nova's {@code Rbd.direct_snapshot}: protected snapshot of this disk, clone into the images pool as
     * {@code imageId}, flatten, remove the instance snapshot, protected snapshot {@code snap} on the copy.
     *
     * @return {@code rbd://<fsid>/<images pool>/<imageId>/snap}
     */
    @Override
    public String directSnapshot(String snapshotName, String imageId) {
        RbdNames.snapshot(snapshotName);
        RbdNames.image(imageId);
        String imagesPool = driver.config().imagesPool();
        String fsid = driver.fsid();
        driver.createSnapshot(pool, name, snapshotName, true);
        RbdLocation instanceSnap = new RbdLocation(fsid, pool, name, snapshotName);
        boolean cloned = false;
        try {
            driver.clone(instanceSnap, imagesPool, imageId);
            cloned = true;
            driver.flatten(imagesPool, imageId);
        } catch (RuntimeException e) {
            if (cloned) {
                try {
                    driver.destroyVolume(imagesPool, imageId);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        } finally {
            driver.removeSnapshot(pool, name, snapshotName, true, true);
        }
        driver.createSnapshot(imagesPool, imageId, "snap", true);
        RbdLocation result = new RbdLocation(fsid, imagesPool, imageId, "snap");
        LOG.info("direct snapshot of {}/{} stored as {}", pool, name, result);
        return result.toString();
    }

    /** Nova's {@code cleanup_direct_snapshot(also_destroy_volume=True)} for a location we returned. */
    @Override
    public void cleanupDirectSnapshot(String location) {
        RbdLocation loc = RbdLocation.parse(location);
        driver.removeSnapshot(loc.pool(), loc.image(), loc.snapshot(), true, true);
        driver.destroyVolume(loc.pool(), loc.image());
    }

    @Override
    public void remove() {
        driver.destroyVolume(pool, name);
    }

    /**
     * What the libvirt disk is made of ({@code Rbd.libvirt_info}): the current monitors of the configured
     * protocol (one per mon, read now), {@code rbd_user} and {@code rbd_secret_uuid} when a secret is
     * configured (Nova turns auth on with the secret), the cache mode of {@code disk_cachemodes}' network
     * entry else the request's, and discard from the request else {@code hw_disk_discard}.
     */
    public RbdDiskSource diskSource(DiskConfigRequest request) {
        RbdConfig c = driver.config();
        return new RbdDiskSource(pool, name, driver.monitorAddresses(c.monProtocol()),
                c.secretUuid().isPresent() ? Optional.of(c.user()) : Optional.empty(), c.secretUuid(),
                c.diskCacheModes().forSourceType("network", request.cacheMode()),
                request.discard() != null ? Optional.of(request.discard()) : c.discard());
    }

    @Override
    public Disk libvirtInfo(DiskConfigRequest request) {
        return diskSource(request).toDisk(request);
    }
}
