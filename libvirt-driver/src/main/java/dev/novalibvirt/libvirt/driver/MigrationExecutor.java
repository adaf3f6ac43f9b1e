package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.volume.VolumeConfigOptions;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.libvirt.host.MigrationParams;
import dev.novalibvirt.migration.flags.MigrationFlags;
import dev.novalibvirt.migration.logging.MigrationMdc;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.logging.PhaseTimer;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.migration.xml.GuestXmlUpdater;
import dev.novalibvirt.migration.xml.MigrationXmlContext;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.migration.xml.MonitorAddressSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's {@code live_migration} on the source: {@code _live_migration} starts {@code _live_migration_operation}
 * (migrateToURI3 with the rewritten XML, on its own thread) and blocks in the job waiter (Nova's
 * {@code _live_migration_monitor}); libvirt's job state, not the call's return, decides between the post and the
 * recover callback. At most {@code max_concurrent_live_migrations} run at once (see {@link MigrationSlots}); this
 * is the one way a migration runs from this host.
 */
final class MigrationExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationExecutor.class);

    private final DriverContext ctx;
    private final MonitorAddressSource monitors;
    private final MigrationJobWaiter jobWaiter;
    private final ActiveMigrations active;
    private final ExecutorService threads;
    private final MigrationSlots slots;
    private final PhaseListener phaseListener;

    MigrationExecutor(DriverContext ctx, MonitorAddressSource monitors, MigrationJobWaiter jobWaiter,
                      ActiveMigrations active) {
        this(ctx, monitors, jobWaiter, active, PhaseListener.NONE);
    }

    /** The same, with {@code phaseListener} hearing how long each phase of live_migration took. */
    MigrationExecutor(DriverContext ctx, MonitorAddressSource monitors, MigrationJobWaiter jobWaiter,
                      ActiveMigrations active, PhaseListener phaseListener) {
        this.phaseListener = phaseListener == null ? PhaseListener.NONE : phaseListener;
        this.ctx = ctx;
        this.monitors = monitors;
        this.jobWaiter = jobWaiter;
        this.active = active;
        this.slots = new MigrationSlots(ctx.config().defaults().maxConcurrentLiveMigrations());
        // the migrate calls' own threads (Nova's _live_migration_operation); how many run is the slots' business
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "live-migration-" + ctx.hostName());
            t.setDaemon(true);
            return t;
        });
    }

    void liveMigration(Instance instance, String dest, LiveMigrationCallbacks callbacks, boolean blockMigration,
                       LibvirtLiveMigrateData migrateData) {
        PhaseTimer phases = PhaseTimer.start(LOG, "live_migration", phaseListener);
        MigrationUris.requireValidHostname(dest);
        verifySerialConsoleIsDisabled(migrateData);
        LibvirtOptions libvirt = ctx.libvirt();
        Guest guest = ctx.host().guest(instance.name());
        phases.mark("lookup");
        List<SerialPorts.HostPort> serialPorts = List.of();
        // registered first, so that an abort arriving during the XML rewrite finds the migration (issue 11)
        ActiveMigrations.Entry entry = active.register(instance, guest);
        JobState outcome;
        Future<?> operation;
        boolean slot = false;
        try {
            slot = awaitSlot(instance, entry);
            phases.mark("slot");
            if (!slot) {
                LOG.info("live migration of {} aborted while queued", instance.uuid());
                callbacks.recoverMethod(instance, dest, migrateData, MigrationStatus.CANCELLED);
                return;
            }
            // Moved off the critical path (issue 16): the live monmap is read on another thread while this one asks
            // libvirt for the power state and the migratable XML; it is still read for this rewrite, as before.
            Supplier<List<MonitorAddress>> mons = monitorsInBackground(instance, migrateData);
            boolean paused = guest.info().state() == PowerState.PAUSED;
            phases.mark("power_state");
            MigrationFlags flags = MigrationFlags.forMigration(libvirt, blockMigration, paused, false);
            MigrationUris uris = MigrationUris.forMigration(libvirt, dest, migrateData.targetConnectAddr());
            String destinationXml = destinationXml(instance, guest, migrateData, mons, phases);
            // Nova backs up the source's serial ports before the domain leaves, to release them after success
            serialPorts = ctx.config().consoles().serialEnabled()
                    ? SerialPorts.fromGuest(DomainXml.parse(guest.xml(0))) : List.of();
            phases.mark("serial_ports");
            // the same XML starts the guest there and becomes its persistent definition (PERSIST_DEST)
            MigrationParams params = new MigrationParams(uris.connectionUri(), uris.migrateUri(), destinationXml,
                    destinationXml, libvirt.liveMigrationBandwidth(), flags.bits(),
                    libvirt.liveMigrationParallelConnections());
            if (!entry.start()) {
                LOG.info("live migration of {} aborted before its job started", instance.uuid());
                active.remove(instance);
                callbacks.recoverMethod(instance, dest, migrateData, MigrationStatus.CANCELLED);
                return;
            }
            LOG.info("live migration of {} to {} ({}, flags {})", instance.uuid(), uris.connectionUri(),
                    uris.migrateUri(), flags.flags());
            phases.mark("job_start_check");
            jobWaiter.beforeMigrate(instance, guest);
            phases.mark("before_migrate");
            // the migrate thread logs with the task's MDC (instance uuid, migration id), restored afterwards
            operation = threads.submit(MigrationMdc.propagatingCall(() -> {
                guest.migrate(params);
                return null;
            }));
            phases.mark("migrate_submit");
            try {
                outcome = jobWaiter.awaitOutcome(instance, guest, operation, uris.connectionUri());
                phases.mark("monitor");
            } catch (RuntimeException e) {
                try {
                    guest.abortJob();
                } catch (RuntimeException ignored) {
                    LOG.debug("abort after monitor failure", ignored);
                }
                throw e;
            } finally {
                // the task must not roll a failed post-copy back or forward: the guest's memory is on both hosts
                if (jobWaiter.switchedToPostCopy(instance)) {
                    callbacks.switchedToPostCopy(instance, dest);
                }
            }
        } finally {
            active.remove(instance);
            if (slot) {
                slots.release();
            }
        }
        // as virsh: the step ends once libvirt has finished with the domain (the call returns after the source's
        // Confirm phase; the job-completed event comes within it)
        String operationError = operationError(operation);
        phases.mark("migrate_call_return");
        if (outcome == JobState.COMPLETED) {
            LOG.info("live migration of {} to {} completed", instance.uuid(), dest);
            serialPorts.forEach(p -> ctx.serialPorts().release(p.host(), p.port()));
            callbacks.postMethod(instance, dest, blockMigration, migrateData);
            phases.mark("post_method");
            phases.report("total", phases.elapsedNanos());
            return;
        }
        LOG.warn("live migration of {} to {} {}: {}", instance.uuid(), dest, outcome, operationError);
        if (entry.pausedByForceComplete()) {
            try {
                guest.resume();
            } catch (RuntimeException e) {
                LOG.warn("could not resume {} after a failed forced migration", instance.uuid(), e);
            }
        }
        // libvirt reports an aborted job as gone (NONE) once it ended; an abort we sent makes it "cancelled".
        boolean cancelled = outcome == JobState.CANCELLED || entry.abortRequested();
        callbacks.recoverMethod(instance, dest, migrateData,
                cancelled ? MigrationStatus.CANCELLED : MigrationStatus.FAILED);
    }

    /**
     * Nova's {@code _verify_serial_console_is_disabled}: a destination that sent no {@code serial_listen_addr} has
     * its serial console disabled (or cannot say where it listens), so a source with serial consoles refuses.
     *
     * @throws MigrationError with Nova's reason
     */
    private void verifySerialConsoleIsDisabled(LibvirtLiveMigrateData migrateData) {
        if ((migrateData == null || migrateData.serialListenAddr() == null)
                && ctx.config().consoles().serialEnabled()) {
            throw new MigrationError("Your destination node does not support retrieving listen addresses. In order "
                    + "for live migration to work properly you must disable serial console ([serial_console] "
                    + "enabled on " + ctx.hostName() + ").");
        }
    }

    /** Waits for one of max_concurrent_live_migrations' slots; false when aborted while it waited. */
    private boolean awaitSlot(Instance instance, ActiveMigrations.Entry entry) {
        if (slots.max() > 0) {
            LOG.debug("live migration of {} waits for one of {} slot(s)", instance.uuid(), slots.max());
        }
        try {
            return slots.acquire(entry::abortRequested);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationError("interrupted while live migration of " + instance.uuid() + " was queued", e);
        }
    }

    /**
     * Nova's {@code get_updated_guest_xml}, fed with the live monmap and this host's options: the migratable XML is
     * parsed once, rewritten on that one model and written once. Serial and console files move from this host's
     * instance dir to the one under the destination's {@code dst_instances_path} (this library's field): a no-op when
     * both hosts have the same instances_path, as Nova assumes, and skipped when a Nova peer sent none.
     */
    String destinationXml(Instance instance, Guest guest, LibvirtLiveMigrateData md) {
        return destinationXml(instance, guest, md, this::currentMonitors, PhaseTimer.start(LOG, "live_migration",
                PhaseListener.NONE));
    }

    /**
     * The same with the monmap from {@code mons} (asked only for an rbd guest; it may be read elsewhere meanwhile),
     * and its phases timed.
     */
    private String destinationXml(Instance instance, Guest guest, LibvirtLiveMigrateData md,
                                  Supplier<List<MonitorAddress>> mons, PhaseTimer phases) {
        String relative = DriverContext.relativePath(instance, md);
        String destDir = md.dstInstancesPath() == null ? null : Path.of(md.dstInstancesPath(), relative).toString();
        String migratable = guest.xml(Guest.XML_MIGRATABLE);
        phases.mark("migratable_xml");
        List<MonitorAddress> monitorList = "rbd".equals(md.imageType()) ? mons.get() : null;
        phases.mark("monmap_wait");
        MigrationXmlContext xmlContext = MigrationXmlContext.builder()
                .migrateData(md)
                .rbdMonitors(monitorList)
                .diskCacheModes(ctx.libvirt().diskCachemodes())
                .volumeOptions(VolumeConfigOptions.of(ctx.libvirt()))
                .instanceDirs(ctx.dirs().instanceDir(instance.uuid()).toString(), destDir)
                .build();
        String out = DomainXml.write(GuestXmlUpdater.update(migratable, xmlContext));
        phases.mark("xml_rewrite");
        return out;
    }

    /**
     * For an rbd guest, starts reading the live monmap on another thread and returns what waits for it (its failure
     * re-thrown as it was); for other image types, a supplier nobody asks. The read's own duration is reported there.
     */
    private Supplier<List<MonitorAddress>> monitorsInBackground(Instance instance, LibvirtLiveMigrateData md) {
        if (!"rbd".equals(md.imageType())) {
            return this::currentMonitors;
        }
        Future<List<MonitorAddress>> read = threads.submit(MigrationMdc.propagatingCall(() -> {
            PhaseTimer t = PhaseTimer.start(LOG, "live_migration", phaseListener);
            return t.time("monmap_read_background", this::currentMonitors);
        }));
        return () -> {
            try {
                return read.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new NovaException("reading the Ceph monmap failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationError("interrupted while reading the Ceph monmap for " + instance.uuid(), e);
            }
        };
    }

    private List<MonitorAddress> currentMonitors() {
        List<MonitorAddress> mons = monitors.monitorAddresses();
        if (mons == null || mons.isEmpty()) {
            throw new NovaException("the Ceph monmap lists no monitors");
        }
        return mons;
    }

    /** What migrateToURI3 said, for the log only: the job state has decided already. */
    private static String operationError(Future<?> operation) {
        try {
            operation.get(30, TimeUnit.SECONDS);
            return "no error from migrateToURI3";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return c.getMessage() != null ? c.getMessage() : String.valueOf(c);
        } catch (TimeoutException e) {
            return "migrateToURI3 has not returned";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
