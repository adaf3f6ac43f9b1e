package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.ConsoleOptions;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.InvalidCPUInfo;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.topology.InstanceDisks;
import dev.novalibvirt.core.topology.StorageTopology;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.host.CpuComparison;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.migration.logging.PhaseListener;
import dev.novalibvirt.migration.logging.PhaseTimer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-migration pre-checks, Nova's {@code check_can_live_migrate_destination} (on the destination),
 * {@code cleanup_live_migration_destination_check} and {@code check_can_live_migrate_source} (on the source). They
 * only read, except for Nova's shared-storage test file, which the manager always cleans up. With
 * {@code live_migration_with_native_tls} each side first checks its QEMU migration certificates
 * ({@link MigrationTlsFiles}; not in Nova).
 */
final class PreChecks {
    private static final Logger LOG = LoggerFactory.getLogger(PreChecks.class);
    private final DriverContext ctx;
    private final CacheWarnings cacheWarnings;
    private final MigrationTlsFiles tlsFiles;
    private final PhaseListener phases;

    PreChecks(DriverContext ctx, CacheWarnings cacheWarnings) {
        this(ctx, cacheWarnings, MigrationTlsFiles.defaults());
    }

    PreChecks(DriverContext ctx, CacheWarnings cacheWarnings, MigrationTlsFiles tlsFiles) {
        this(ctx, cacheWarnings, tlsFiles, PhaseListener.NONE);
    }

    /** The same, with {@code phases} hearing how long each phase of check_can_live_migrate_source took. */
    PreChecks(DriverContext ctx, CacheWarnings cacheWarnings, MigrationTlsFiles tlsFiles, PhaseListener phases) {
        this.ctx = ctx;
        this.cacheWarnings = cacheWarnings;
        this.tlsFiles = tlsFiles == null ? MigrationTlsFiles.defaults() : tlsFiles;
        this.phases = phases == null ? PhaseListener.NONE : phases;
    }

    /**
     * Nova's {@code check_can_live_migrate_destination}; with native TLS, first (before the shared-storage test file)
     * this host's QEMU TLS server files, which Nova does not check.
     */
    LibvirtLiveMigrateData checkDestination(ComputeInfo srcComputeInfo, ComputeInfo dstComputeInfo,
                                            Boolean blockMigration, Boolean diskOverCommit) {
        if (ctx.libvirt().liveMigrationWithNativeTls()) {
            tlsFiles.checkServer(ctx.hostName());
        }
        long availableGb = Boolean.TRUE.equals(diskOverCommit) ? dstComputeInfo.freeDiskGb()
                : dstComputeInfo.diskAvailableLeast();
        long availableMb = availableGb * 1024 - ctx.config().defaults().reservedHostDiskMb();
        if (!ctx.config().workarounds().skipCpuCompareOnDest()) {
            compareCpu(srcComputeInfo.cpuInfo());
        }
        String filename = ctx.dirs().createSharedStorageTestFile();
        ConsoleOptions consoles = ctx.config().consoles();
        LibvirtLiveMigrateData.Builder md = LibvirtLiveMigrateData.builder()
                .filename(filename)
                .imageType(ctx.libvirt().imagesType())
                // as Nova: both whether or not enabled here, so that a guest's graphics never keep the source's address
                .graphicsListenAddrVnc(consoles.vncServerListen())
                .graphicsListenAddrSpice(consoles.spiceServerListen())
                .serialListenAddr(consoles.serialEnabled() ? consoles.serialProxyclientAddress() : null)
                .diskAvailableMb(availableMb)
                // not in Nova: the source's own path on hosts that share one (agents); another for in-process hosts
                .dstInstancesPath(ctx.dirs().instancesPath().toString())
                .dstRbdCacheFacts(cacheWarnings.describeDestination());
        if (blockMigration != null) {
            md.blockMigration(blockMigration);
        }
        if (diskOverCommit != null) {
            md.diskOverCommit(diskOverCommit);
        }
        return md.build();
    }

    /** Nova's {@code _compare_cpu}: only for kvm; an incompatible CPU refuses the migration. */
    private void compareCpu(String sourceCpuXml) {
        if (!"kvm".equals(ctx.libvirt().virtType()) || sourceCpuXml == null) {
            return;
        }
        CpuComparison r;
        try {
            r = ctx.host().compareCpu(sourceCpuXml);
        } catch (InternalError e) {
            throw new MigrationPreCheckError("CPU comparison on " + ctx.hostName() + " failed: " + e.getMessage(), e);
        }
        if (!r.compatible()) {
            InvalidCPUInfo cause = new InvalidCPUInfo("the source host CPU is " + r + " with " + ctx.hostName());
            throw new MigrationPreCheckError(cause.getMessage(), cause);
        }
    }

    /** Nova's {@code cleanup_live_migration_destination_check}: the shared-storage test file goes. */
    void cleanupDestinationCheck(LibvirtLiveMigrateData destCheckData) {
        if (destCheckData != null && destCheckData.filename() != null) {
            ctx.dirs().cleanupSharedStorageTestFile(destCheckData.filename());
        }
    }

    /**
     * Nova's {@code check_can_live_migrate_source}: decides the storage topology and whether to block-migrate; with
     * native TLS, first this host's QEMU TLS client files (not in Nova).
     */
    LibvirtLiveMigrateData checkSource(Instance instance, LibvirtLiveMigrateData destCheckData,
                                       BlockDeviceInfo blockDeviceInfo) {
        PhaseTimer t = PhaseTimer.start(LOG, "check_can_live_migrate_source", phases);
        if (ctx.libvirt().liveMigrationWithNativeTls()) {
            tlsFiles.checkClient(ctx.hostName());
            t.mark("tls_files");
        }
        Guest guest = ctx.host().guest(instance.name());
        t.mark("lookup");
        if (destCheckData.filename() == null) {
            throw new MigrationPreCheckError("the destination check data has no shared-storage test file");
        }
        boolean sharedPath = ctx.dirs().checkSharedStorageTestFile(destCheckData.filename());
        t.mark("shared_storage_test_file");
        // Fetched and parsed once (issue 16: the cache comparison fetched and parsed it a second time): the topology
        // decision, the local-disk refusal and the cache warnings read the same model, and volumes (block device
        // info) are not local disks.
        String xml = guest.xml(0);
        t.mark("domain_xml");
        Domain domain = DomainXml.parse(xml);
        t.mark("domain_parse");
        List<String> localDisks = InstanceDisks.localDisks(domain, blockDeviceInfo);
        boolean volumeBacked = blockDeviceInfo != null ? blockDeviceInfo.isVolumeBacked(instance)
                : instance.isVolumeBacked();
        LibvirtLiveMigrateData probe = destCheckData.toBuilder()
                .isSharedInstancePath(sharedPath).isVolumeBacked(volumeBacked).build();
        boolean sharedBlock = StorageTopology.isSharedBlockStorage(probe, ctx.libvirt().imagesType(),
                ctx.imageBackend().isSharedBlockStorage(), ctx.imageBackend().isFileInInstancePath(),
                () -> domain, blockDeviceInfo);
        t.mark("storage_topology");
        boolean onShared = sharedPath || sharedBlock;
        boolean block = destCheckData.blockMigration() != null ? destCheckData.blockMigration() : !onShared;
        if (block) {
            if (onShared) {
                throw new InvalidLocalStorage("Block migration can not be used with shared storage (instance "
                        + instance.uuid() + " on " + ctx.hostName() + ").");
            }
            // This driver does not copy local disks (no migrate_disks, no disk size check): refuse rather than
            // arrive without them.
            throw new MigrationPreCheckError("Block migration of instance " + instance.uuid() + " (local disks "
                    + localDisks + ") is not supported by this driver; use shared storage (RBD).");
        }
        if (!onShared) {
            throw new InvalidSharedStorage("Live migration of instance " + instance.uuid() + " from "
                    + ctx.hostName() + " requires either shared storage or boot-from-volume with no local disks.");
        } else if (!sharedPath && !localDisks.isEmpty()) {
            // Stricter than Nova: a local file disk next to RBD disks would be left behind on the source.
            throw new InvalidSharedStorage("Instance " + instance.uuid() + " has local disks " + localDisks
                    + " that a live migration without block migration would not copy, and instances_path is not "
                    + "shared.");
        }
        cacheWarnings.log(instance, domain, destCheckData);
        t.mark("rbd_cache_warnings");
        LibvirtLiveMigrateData out = destCheckData.toBuilder()
                .isSharedInstancePath(sharedPath)
                .isSharedBlockStorage(sharedBlock)
                .blockMigration(block)
                .isVolumeBacked(volumeBacked)
                .instanceRelativePath(instance.uuid())
                .build();
        t.mark("migrate_data");
        t.report("total", t.elapsedNanos());
        return out;
    }
}
