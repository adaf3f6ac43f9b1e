package dev.novalibvirt.rbd;

import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import dev.novalibvirt.rbd.glance.GlanceClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code images_type=rbd} backend: Nova's {@code imagebackend.Rbd} strategy. Disks are
 * {@code <images_rbd_pool>/<instance-uuid>_<disk>}; block storage is shared by every host, nothing lives in
 * the instance directory, base images are cloned copy-on-write when Glance stores them in the same cluster.
 *
 * <p>Owns its {@link RbdDriver} (and thus one Ceph connection) and closes it in {@link #close()}.
 */
public final class RbdImageBackend implements ImageBackend {

    private final RbdDriver driver;
    private final Optional<GlanceClient> glance;

    /**
     * @param driver the RBD driver to use (owned from now on)
     * @param glance Glance client for {@code ImageSource.GlanceImage}; empty if unused
     */
    public RbdImageBackend(RbdDriver driver, Optional<GlanceClient> glance) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.glance = Objects.requireNonNull(glance, "glance");
    }

    /** A backend with its own driver for the given configuration and no Glance client. */
    public static RbdImageBackend of(RbdConfig config) {
        return new RbdImageBackend(new RbdDriver(config), Optional.empty());
    }

    public RbdDriver driver() {
        return driver;
    }

    Optional<GlanceClient> glance() {
        return glance;
    }

    @Override
    public String imagesType() {
        return "rbd";
    }

    @Override
    public RbdDisk image(InstanceDisk disk) {
        return new RbdDisk(this, Objects.requireNonNull(disk, "disk"));
    }

    /** The RBD image name of an instance disk: {@code <uuid>_<disk>} (Nova's {@code Rbd.rbd_name}). */
    public static String rbdName(InstanceDisk disk) {
        return disk.instanceUuid() + "_" + disk.diskName();
    }

    /** RBD is shared block storage: every compute host reaches the same image. */
    @Override
    public boolean isSharedBlockStorage() {
        return true;
    }

    /** Nothing of an RBD disk lives in the instance directory. */
    @Override
    public boolean isFileInInstancePath() {
        return false;
    }

    @Override
    public boolean supportsClone() {
        return true;
    }

    /** RBD disks name Ceph's monitors, so this backend reports them. */
    @Override
    public boolean reportsMonitors() {
        return true;
    }

    /**
     * The live monmap ({@code mon dump}), one address per monitor in the configured protocol
     * ({@link RbdConfig#monProtocol()}), the same addresses new disk elements get.
     */
    @Override
    public List<MonitorEndpoint> currentMonitors() {
        return driver.monitorAddresses(driver.config().monProtocol()).stream()
                .map(m -> new MonitorEndpoint(m.host(), m.port())).toList();
    }

    /** Removes the images {@code <uuid>_*} of the instance in the instance pool (Nova's {@code _cleanup_rbd}). */
    @Override
    public List<String> cleanupInstanceDisks(String instanceUuid) {
        return driver.cleanupInstance(driver.config().pool(), instanceUuid);
    }

    @Override
    public void close() {
        driver.close();
    }
}
