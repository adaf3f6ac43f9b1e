package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.InvalidCPUInfo;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.libvirt.host.CpuComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nova's check_can_live_migrate_destination and _source, between two hosts that do not share instances_path. */
class PreChecksTest {
    private static final ComputeInfo SOURCE = new ComputeInfo("host-a", "QEMU", 7_002_000, "<cpu/>", 20, 10);
    private static final ComputeInfo DEST = new ComputeInfo("host-b", "QEMU", 7_002_000, "<cpu/>", 20, 10);

    @TempDir
    Path aPath;
    @TempDir
    Path bPath;

    private static PreChecks preChecks(StepFixture f) {
        return new PreChecks(f.ctx, new CacheWarnings(f.ctx, () -> {
            throw new CephConfigException("no cache facts in a unit test");
        }));
    }

    @Test
    void anRbdGuestBetweenHostsWithOwnInstancesPathsIsALiveMigrationOnSharedBlockStorage() {
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "");
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(b).checkDestination(SOURCE, DEST, null, null);
        assertThat(dest.imageType()).isEqualTo("rbd");
        assertThat(dest.diskAvailableMb()).isEqualTo(10 * 1024);
        assertThat(dest.dstRbdCacheFacts()).as("unreadable facts mean no cache check").isNull();
        assertThat(b.host.cpuComparedWith).containsExactly("<cpu/>");

        LibvirtLiveMigrateData source = preChecks(a).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none());
        assertThat(source.isSharedInstancePath()).isFalse();
        assertThat(source.isSharedBlockStorage()).isTrue();
        assertThat(source.blockMigration()).isFalse();
        assertThat(source.instanceRelativePath()).isEqualTo(StepFixture.instance().uuid());

        preChecks(b).cleanupDestinationCheck(dest);
        assertThat(bPath.resolve(dest.filename())).doesNotExist();
    }

    @Test
    void test_check_can_live_migrate_dest_fills_listen_addrs() {
        StepFixture b = new StepFixture("host-b", bPath, "[vnc]\nserver_listen = 192.0.2.12\n"
                + "[spice]\nserver_listen = 198.51.100.34\n"
                + "[serial_console]\nproxyclient_address = 203.0.113.56\nenabled = true\n");
        LibvirtLiveMigrateData dest = preChecks(b).checkDestination(SOURCE, DEST, null, null);
        assertThat(dest.graphicsListenAddrVnc()).isEqualTo("192.0.2.12");
        assertThat(dest.graphicsListenAddrSpice()).as("spice is disabled, Nova sends its address all the same")
                .isEqualTo("198.51.100.34");
        assertThat(dest.serialListenAddr()).isEqualTo("203.0.113.56");
    }

    @Test
    void test_check_can_live_migrate_dest_ensure_serial_adds_not_set() {
        StepFixture b = new StepFixture("host-b", bPath,
                "[serial_console]\nproxyclient_address = 127.0.0.1\nenabled = false\n");
        assertThat(preChecks(b).checkDestination(SOURCE, DEST, null, null).serialListenAddr()).isNull();
    }

    @Test
    void diskOverCommitCountsFreeDiskAndTheReservedDiskIsSubtracted() {
        StepFixture b = new StepFixture("host-b", bPath, "[DEFAULT]\nreserved_host_disk_mb = 512\n");
        LibvirtLiveMigrateData dest = preChecks(b).checkDestination(SOURCE, DEST, null, true);
        assertThat(dest.diskAvailableMb()).isEqualTo(20 * 1024 - 512);
        assertThat(dest.diskOverCommit()).isTrue();
    }

    @Test
    void anIncompatibleSourceCpuRefusesBeforeTheTestFileIsCreated() throws Exception {
        StepFixture b = new StepFixture("host-b", bPath, "");
        b.host.cpu = CpuComparison.INCOMPATIBLE;
        assertThatThrownBy(() -> preChecks(b).checkDestination(SOURCE, DEST, null, null))
                .isInstanceOf(MigrationPreCheckError.class).hasCauseInstanceOf(InvalidCPUInfo.class)
                .hasMessageContaining("INCOMPATIBLE with host-b");
        try (var files = Files.list(bPath)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLibvirtThatCannotCompareCpusLetsTheMigrationPassAndAFailedComparisonRefuses() {
        StepFixture b = new StepFixture("host-b", bPath, "");
        b.host.cpu = CpuComparison.UNSUPPORTED;
        assertThat(preChecks(b).checkDestination(SOURCE, DEST, null, null).filename()).isNotNull();
        b.host.cpu = null; // the fake's libvirt error
        assertThatThrownBy(() -> preChecks(b).checkDestination(SOURCE, DEST, null, null))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("CPU comparison on host-b failed");
    }

    @Test
    void theCpuIsNotComparedForQemuGuestsOrWhenTheWorkaroundSaysSo() {
        StepFixture qemu = new StepFixture("host-b", bPath, "[libvirt]\nvirt_type = qemu\n");
        qemu.host.cpu = CpuComparison.INCOMPATIBLE;
        preChecks(qemu).checkDestination(SOURCE, DEST, null, null);
        StepFixture skip = new StepFixture("host-b", bPath, "[workarounds]\nskip_cpu_compare_on_dest = true\n");
        skip.host.cpu = CpuComparison.INCOMPATIBLE;
        preChecks(skip).checkDestination(SOURCE, DEST, null, null);
        assertThat(qemu.host.cpuComparedWith).isEmpty();
        assertThat(skip.host.cpuComparedWith).isEmpty();
    }

    @Test
    void blockMigrationOnSharedBlockStorageIsRefused() {
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "");
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(b).checkDestination(SOURCE, DEST, true, null);
        assertThatThrownBy(() -> preChecks(a).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none()))
                .isInstanceOf(InvalidLocalStorage.class)
                .hasMessageContaining("Block migration can not be used with shared storage");
    }

    @Test
    void aLocalFileDiskBesideTheRbdDiskIsRefusedWhenInstancesPathIsNotShared() {
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "");
        FakeGuest guest = a.withRunningGuest();
        guest.xml = guest.xml.replace("</devices>", "<disk type='file' device='disk'><source file='"
                + aPath.resolve("disk.local") + "'/><target dev='vdb' bus='virtio'/></disk></devices>");
        LibvirtLiveMigrateData dest = preChecks(b).checkDestination(SOURCE, DEST, null, null);
        assertThatThrownBy(() -> preChecks(a).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none()))
                .isInstanceOf(InvalidSharedStorage.class).hasMessageContaining("local disks [vdb]");
    }

    @Test
    void destinationDataWithoutATestFileIsRefused() {
        StepFixture a = new StepFixture("host-a", aPath, "");
        a.withRunningGuest();
        LibvirtLiveMigrateData noFile = LibvirtLiveMigrateData.builder().imageType("rbd").build();
        assertThatThrownBy(() -> preChecks(a).checkSource(StepFixture.instance(), noFile, BlockDeviceInfo.none()))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("no shared-storage test file");
    }

    @Test
    void theSourceCheckReadsTheGuestsXmlOnceAndTheCacheComparisonUsesTheSameModel() {
        // issue 16: the cache warnings fetched and parsed the live XML a second time
        HostCacheFactsSource facts = () -> new HostCacheFacts("host-x", ComponentVersion.parse("7.2.0"),
                ComponentVersion.parse("16.2.15"), CephConf.parse("[global]\n"), "nova");
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "");
        FakeGuest guest = a.withRunningGuest();
        LibvirtLiveMigrateData dest = new PreChecks(b.ctx, new CacheWarnings(b.ctx, facts))
                .checkDestination(SOURCE, DEST, null, null);
        assertThat(dest.dstRbdCacheFacts()).as("the destination described its caching").isNotNull();
        List<String> phases = new ArrayList<>();
        int before = guest.xmlReads.get();

        LibvirtLiveMigrateData source = new PreChecks(a.ctx, new CacheWarnings(a.ctx, facts), null,
                (step, phase, nanos) -> phases.add(step + "/" + phase))
                .checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none());

        assertThat(source.isSharedBlockStorage()).isTrue();
        assertThat(guest.xmlReads.get() - before).isEqualTo(1);
        assertThat(phases).containsExactly("check_can_live_migrate_source/lookup",
                "check_can_live_migrate_source/shared_storage_test_file", "check_can_live_migrate_source/domain_xml",
                "check_can_live_migrate_source/domain_parse", "check_can_live_migrate_source/storage_topology",
                "check_can_live_migrate_source/rbd_cache_warnings", "check_can_live_migrate_source/migrate_data",
                "check_can_live_migrate_source/total");
    }
}
