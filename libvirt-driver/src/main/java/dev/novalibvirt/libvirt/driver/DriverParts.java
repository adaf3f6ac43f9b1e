package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The checks of {@link LibvirtDriver.Builder#build()}: every required part is named with the call that supplies it,
 * instead of a bare NullPointerException from deep inside the constructor; and the parts of the driver's start that
 * are not a step's.
 */
final class DriverParts {
    static final String BUILDER = "LibvirtDriver.builder()";

    private DriverParts() {
    }

    /**
     * @throws InvalidConfiguration naming the first missing part and how to supply it, or a backend of another
     *                              images_type than nova.conf's
     */
    static void requireParts(NovaConfig config, Host host, ImageBackend imageBackend,
                             MigrationJobWaiter jobWaiter, MigrationListener migrationListener) {
        if (config == null) {
            throw InvalidConfiguration.missingPart(BUILDER, "config", "call .config(NovaConfig.fromFile("
                    + "Path.of(\"/etc/nova/nova.conf\"))) with this compute host's nova.conf");
        }
        if (host == null) {
            throw InvalidConfiguration.missingPart(BUILDER, "host", "call .host(Host.open(\"qemu+tcp://"
                    + config.defaults().host() + "/system\")) with the URI of this compute host's libvirtd");
        }
        if (imageBackend == null) {
            throw InvalidConfiguration.missingPart(BUILDER, "imageBackend", "call .imageBackend(...) with the "
                    + "backend of [libvirt] images_type = " + config.libvirt().imagesType()
                    + ", e.g. RbdImageBackend.of(RbdConfig.from(config)) for rbd");
        }
        if (!imageBackend.imagesType().equals(config.libvirt().imagesType())) {
            throw new InvalidConfiguration("[libvirt] images_type=" + config.libvirt().imagesType()
                    + " but the injected image backend serves " + imageBackend.imagesType());
        }
        if (jobWaiter != null && migrationListener != null) {
            throw new InvalidConfiguration(BUILDER + ": migrationListener(...) is heard by the default job waiter "
                    + "only; with jobWaiter(...) give the listener to that waiter instead");
        }
    }

    /**
     * The monitor source: the one given, else the image backend's when it reports monitors (RBD does). Only an
     * rbd driver needs one: other images types write no monitors into disks.
     *
     * @throws InvalidConfiguration for images_type=rbd with neither
     */
    static MonitorAddressSource monitors(MonitorAddressSource given, ImageBackend imageBackend, NovaConfig config) {
        if (given != null) {
            return given;
        }
        if (imageBackend.reportsMonitors()) {
            return MonitorAddressSource.of(imageBackend);
        }
        if (config.libvirt().usesRbd()) {
            throw InvalidConfiguration.missingPart(BUILDER, "monitors", "the image backend ("
                    + imageBackend.getClass().getSimpleName() + ") does not report the Ceph monitors, so call "
                    + ".monitors(...) with a source of the live monmap, e.g. .monitors(() -> List.of(new "
                    + "MonitorAddress(\"10.0.0.1\", \"6789\"))), or use an image backend that reports them "
                    + "(RbdImageBackend does)");
        }
        return List::of;
    }

    /**
     * The job waiter given, else the default one: the full monitor with events (re-registered when {@code host}
     * reconnects), hearing {@code listener}'s events and {@code phases}' durations.
     */
    static MigrationJobWaiter jobWaiter(MigrationJobWaiter given, LibvirtOptions libvirt, MigrationListener listener,
                                        Host host, PhaseListener phases) {
        return given != null ? given : new MonitorJobWaiter(defaultMonitorSettings(libvirt),
                listener == null ? MigrationListener.NONE : listener, Detection.EVENTS, host, phases);
    }

    /**
     * The default job waiter's monitor settings: nova.conf's {@code [libvirt]} live-migration options, with the
     * convergence policy on when {@code live_migration_convergence_policy} (ours) says so.
     */
    static MonitorSettings defaultMonitorSettings(LibvirtOptions libvirt) {
        return MonitorSettings.from(libvirt, libvirt.liveMigrationConvergencePolicy());
    }

    /** Creates {@code instances_path} when it is not there yet, as the driver's start does. */
    static void createInstancesPath(InstanceDirs dirs) {
        try {
            Files.createDirectories(dirs.instancesPath());
        } catch (IOException e) {
            throw new InvalidConfiguration("instances_path " + dirs.instancesPath() + " cannot be created: "
                    + e.getMessage());
        }
    }
}
