package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.InstanceInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceExists;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.topology.CleanupPlan;
import dev.novalibvirt.core.topology.StorageTopology;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.lock.StartGuard;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A guest's life on this host outside migration: Nova's {@code spawn}, {@code destroy}, {@code cleanup},
 * {@code get_info} and {@code instance_exists}. A failed spawn undoes what it created; cleanup follows the
 * {@link CleanupPlan}.
 */
final class GuestLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GuestLifecycle.class);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long POWEROFF_TIMEOUT_MS = 30_000;
    private static final long POLL_MS = 100;

    private final DriverContext ctx;
    private final Bridges bridges;
    private final StartGuard startGuard;

    GuestLifecycle(DriverContext ctx, Bridges bridges, StartGuard startGuard) {
        this.ctx = ctx;
        this.bridges = bridges;
        this.startGuard = startGuard;
    }

    /** Nova's {@code spawn} for an image-backed guest: instance dir, root disk, definition, start. */
    void spawn(Instance instance, ImageMeta imageMeta, NetworkInfo networkInfo, boolean powerOn) {
        if (ctx.host().findGuest(instance.name()).isPresent()) {
            throw new InstanceExists("Instance " + instance.name() + " already exists on " + ctx.hostName());
        }
        bridges.require(networkInfo, "spawn");
        if (instance.isVolumeBacked()) {
            throw new NovaException("instance " + instance.uuid() + ": booting from a volume is not supported yet");
        }
        String uuid = instance.uuid();
        InstanceDirs dirs = ctx.dirs();
        LibvirtOptions libvirt = ctx.libvirt();
        UndoStack undo = new UndoStack("spawn of " + uuid);
        if (dirs.ensureInstanceDir(uuid)) {
            undo.push("instance dir removal", () -> dirs.removeInstanceDir(uuid));
        }
        Image root = ctx.imageBackend().image(InstanceDisk.root(uuid));
        try {
            dirs.touchConsoleLog(uuid);
            if (!root.exists()) {
                ImageSource source = imageMeta.location() != null
                        ? new ImageSource.Location(imageMeta.location(), imageMeta.diskFormat())
                        : new ImageSource.GlanceImage(imageMeta.id());
                // root_gb 0 is Nova's size=None: the disk keeps the image's size (Image.create's 0)
                root.create(source, instance.rootGb() * GIB);
                undo.push("root disk removal", root::remove);
            }
            // The backend writes its own disk element (for RBD: monitors of the live monmap, cephx auth).
            String diskXml = DomainXml.writeDisk(root.libvirtInfo(
                    DiskConfigRequest.virtio("vda", libvirt.diskCachemodes().forSourceType("network", "none"))));
            GuestConfig gc = new GuestConfig(libvirt.virtType(), diskXml, dirs.consoleLog(uuid),
                    ctx.config().consoles().vncEnabled() ? ctx.config().consoles().vncServerListen() : null);
            // another host may still run this guest from the same shared disk (e.g. an evacuation before fencing)
            startGuard.checkCanStart(instance.name(), List.of(root.path()));
            Guest guest = ctx.host().define(instance.name(), gc.toXml(instance, networkInfo));
            // poweroff before undefine, and tried even when never launched: launch may fail half-way
            undo.push("undefine", guest::undefine);
            undo.push("poweroff", guest::poweroff);
            if (powerOn) {
                guest.launch();
                waitForState(guest, PowerState.RUNNING);
            }
        } catch (RuntimeException e) {
            LOG.warn("spawn of {} failed, undoing what it created: {}", uuid, e.getMessage());
            // each undo on its own: a failed poweroff must neither hide the spawn's error nor keep the disk and
            // dir from being removed (issue 11)
            throw undo.undoAll(e);
        }
    }

    private static void waitForState(Guest guest, PowerState wanted) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (guest.info().state() != wanted) {
            if (System.nanoTime() > deadline) {
                throw new NovaException("domain " + guest.name() + " did not reach " + wanted);
            }
            sleep(POLL_MS);
        }
    }

    /**
     * Nova's {@code destroy}: release the guest's serial ports (as {@code _destroy} does), power off (waiting until
     * QEMU is gone), then {@link #cleanup}.
     */
    void destroy(Instance instance, boolean destroyDisks) {
        ctx.host().findGuest(instance.name()).ifPresent(g -> {
            if (ctx.config().consoles().serialEnabled()) {
                SerialPorts.fromGuest(DomainXml.parse(g.xml(0)))
                        .forEach(p -> ctx.serialPorts().release(p.host(), p.port()));
            }
            g.poweroff();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POWEROFF_TIMEOUT_MS);
            while (true) {
                try {
                    if (!g.isActive() || System.nanoTime() > deadline) {
                        break;
                    }
                } catch (InstanceNotFound e) {
                    break;
                }
                sleep(POLL_MS);
            }
        });
        cleanup(instance, destroyDisks, null);
    }

    /** Nova's {@code cleanup}: disks and instance dir as the {@link CleanupPlan} says, then the definition. */
    void cleanup(Instance instance, boolean destroyDisks, LibvirtLiveMigrateData migrateData) {
        StorageTopology topology = null;
        if (migrateData != null && migrateData.isSharedBlockStorage() != null) {
            topology = new StorageTopology(Boolean.TRUE.equals(migrateData.isSharedInstancePath()),
                    migrateData.isSharedBlockStorage(), instance.isVolumeBacked());
        }
        CleanupPlan plan = CleanupPlan.forCleanup(destroyDisks, topology,
                ctx.config().workarounds().ensureLibvirtRbdInstanceDirCleanup(), ctx.libvirt().usesRbd());
        LOG.debug("cleanup of {} on {}: {}", instance.uuid(), ctx.hostName(), plan);
        if (plan.removeInstanceDisks()) {
            List<String> removed = ctx.imageBackend().cleanupInstanceDisks(instance.uuid());
            LOG.info("removed disks {} of {}", removed, instance.uuid());
        }
        if (plan.removeInstanceDir()) {
            ctx.dirs().removeInstanceDir(instance.uuid());
        }
        ctx.host().findGuest(instance.name()).ifPresent(Guest::undefine);
    }

    /** Nova's {@code get_info}. */
    InstanceInfo info(Instance instance) {
        return ctx.host().guest(instance.name()).info();
    }

    /** Nova's {@code instance_exists}. */
    boolean exists(Instance instance) {
        return ctx.host().findGuest(instance.name()).isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted");
        }
    }
}
