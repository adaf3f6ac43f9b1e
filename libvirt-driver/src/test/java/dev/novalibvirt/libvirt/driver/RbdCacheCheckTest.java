package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.HostCacheFactsSource;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbdCacheCheckTest {
    private static final ComponentVersion QEMU_7 = ComponentVersion.parse("7.2.0");
    private static final ComponentVersion QEMU_2_0 = ComponentVersion.parse("2.0.0");
    private static final ComponentVersion CEPH_16 = ComponentVersion.parse("16.2.15");
    private static final String LAB_CONF = "[global]\nfsid = 1234\nmon host = 198.18.0.10\n"
            + "[client.nova]\nkey = AQBsecretsecretsecret==\n";

    private static String guest(String vdaCache, String vdbCache) {
        return "<domain type='kvm'><name>cachewire-1</name><memory>65536</memory><os><type>hvm</type></os><devices>"
                + rbdDisk("vda", "vms/disk0", vdaCache) + rbdDisk("vdb", "vms/disk1", vdbCache)
                + "<disk type='file' device='disk'><driver name='qemu' type='raw' cache='none'/>"
                + "<source file='/tmp/local.img'/><target dev='vdc' bus='virtio'/></disk>"
                + "</devices></domain>";
    }

    private static String rbdDisk(String dev, String name, String cache) {
        return "<disk type='network' device='disk'><driver name='qemu' type='raw'"
                + (cache == null ? "" : " cache='" + cache + "'") + "/>"
                + "<source protocol='rbd' name='" + name + "'><host name='198.18.0.10' port='6789'/></source>"
                + "<target dev='" + dev + "' bus='virtio'/></disk>";
    }

    private static HostCacheFacts host(String name, ComponentVersion qemu, String conf) {
        return new HostCacheFacts(name, qemu, CEPH_16, CephConf.parse(conf), "nova");
    }

    /** What host-b sends, after the JSON trip every migrate data makes. */
    private static RbdCacheFacts sentByDestination(HostCacheFacts facts, String networkCacheMode) {
        RbdCacheFacts sent = RbdCacheCheck.describe(() -> facts, networkCacheMode);
        return LibvirtLiveMigrateData.fromJson(LibvirtLiveMigrateData.builder().dstRbdCacheFacts(sent).build()
                .toJson()).dstRbdCacheFacts();
    }

    @Test
    void sameSettingsOnBothHostsGiveNoWarning() {
        List<CacheWarning> warnings = RbdCacheCheck.warnings(guest("writeback", "none"),
                host("host-a", QEMU_7, LAB_CONF), sentByDestination(host("host-b", QEMU_7, LAB_CONF), null));
        assertThat(warnings).isEmpty();
    }

    @Test
    void destinationCephConfDisablingTheCacheUnderAnOldQemuWarnsForTheWritebackDisk() {
        String noCache = LAB_CONF + "[client]\nrbd cache = false\n";
        List<CacheWarning> warnings = RbdCacheCheck.warnings(guest("writeback", "none"),
                host("host-a", QEMU_7, LAB_CONF), sentByDestination(host("host-b", QEMU_2_0, noCache), null));
        assertThat(warnings).hasSize(1);
        CacheWarning w = warnings.get(0);
        assertThat(w.disk()).isEqualTo("vda");
        assertThat(w.message()).contains("disk vda", "host-a", "host-b", "[client] rbd_cache = false")
                .doesNotContain("AQB");
    }

    @Test
    void aModernQemuOnTheDestinationLetsTheCacheModeWinOverItsCephConf() {
        String noCache = LAB_CONF + "[client]\nrbd cache = false\n";
        assertThat(RbdCacheCheck.warnings(guest("writeback", "none"), host("host-a", QEMU_7, LAB_CONF),
                sentByDestination(host("host-b", QEMU_7, noCache), null))).isEmpty();
    }

    @Test
    void theDestinationsDiskCachemodesForNetworkDisksIsWhatItReapplies() {
        List<CacheWarning> warnings = RbdCacheCheck.warnings(guest("writeback", "none"),
                host("host-a", QEMU_7, LAB_CONF), sentByDestination(host("host-b", QEMU_7, LAB_CONF), "writeback"));
        assertThat(warnings).extracting(CacheWarning::disk).containsExactly("vdb");
        assertThat(warnings.get(0).message()).contains("cache=none", "cache=writeback");
    }

    @Test
    void onlyTheRbdCacheOptionsLeaveTheDestination() {
        RbdCacheFacts sent = RbdCacheCheck.describe(() -> host("host-b", QEMU_7,
                LAB_CONF + "[client]\nrbd cache = true\nrbd_cache_size = 1\n"), null);
        assertThat(sent.settings()).containsExactly(new RbdCacheFacts.ConfSetting("client", "rbd_cache", "true"));
        assertThat(LibvirtLiveMigrateData.builder().dstRbdCacheFacts(sent).build().toJson())
                .doesNotContain("AQB", "fsid", "198.18.0.10");
    }

    @Test
    void theDefaultSourceReadsTheConfiguredCephConfAndLibvirtsQemuVersion(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("ceph.conf");
        Files.writeString(conf, LAB_CONF + "[client.nova]\nrbd cache writethrough until flush = false\n");
        HostCacheFactsSource source = RbdCacheCheck.defaultSource("host-b", () -> 7_002_000L, conf.toString(),
                "nova", null);
        HostCacheFacts facts = source.facts();
        assertThat(facts.qemu()).isEqualTo(QEMU_7);
        assertThat(facts.clientEntity()).isEqualTo("client.nova");
        assertThat(facts.ceph()).isEqualTo(RbdCacheFacts.ASSUMED_CEPH);
        assertThat(source.cephVersionKnown()).isFalse();
        RbdCacheFacts sent = RbdCacheCheck.describe(source, null);
        assertThat(sent.ceph()).isNull();
        assertThat(sent.settings()).containsExactly(
                new RbdCacheFacts.ConfSetting("client.nova", "rbd_cache_writethrough_until_flush", "false"));
    }

    @Test
    void aMissingCephConfIsAnEmptyOne(@TempDir Path dir) {
        HostCacheFacts facts = RbdCacheCheck.defaultSource("host-b", () -> 7_002_000L,
                dir.resolve("absent.conf").toString(), "nova", CEPH_16).facts();
        assertThat(facts.cephConf().sections()).isEmpty();
        assertThat(facts.ceph()).isEqualTo(CEPH_16);
    }
}
