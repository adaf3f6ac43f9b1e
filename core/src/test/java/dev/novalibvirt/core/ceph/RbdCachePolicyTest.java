package dev.novalibvirt.core.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbdCachePolicyTest {
    private static final ComponentVersion QEMU_7_2 = ComponentVersion.parse("7.2.0");
    private static final ComponentVersion CEPH_16 = ComponentVersion.parse("ceph version 16.2.15 (abc) pacific (stable)");

    private static HostCacheFacts host(String name, ComponentVersion qemu, ComponentVersion ceph, String conf) {
        return new HostCacheFacts(name, qemu, ceph, CephConf.parse(conf), "nova");
    }

    /** The lab's case (QEMU 7.2, librbd 16.2): the cache mode alone decides rbd_cache. */
    @ParameterizedTest
    @CsvSource({
        "default,      '',                           true,  true",
        "none,         '',                           false, true",
        "writeback,    '',                           true,  true",
        "writethrough, '',                           true,  true",
        "directsync,   '',                           false, true",
        "unsafe,       '',                           true,  true",
        "none,         '[client]\nrbd cache = true', false, true",
        "writeback,    '[client]\nrbd cache = false', true, true",
        "writethrough, '[client]\nrbd cache = false\nrbd cache writethrough until flush = false', true, false",
    })
    void modernQemuLetsTheCacheModeWin(String mode, String conf, boolean cache, boolean untilFlush) {
        RbdCachePrediction p = RbdCachePolicy.predict(DiskCacheMode.fromLibvirt(mode), host("a", QEMU_7_2, CEPH_16, conf));
        assertThat(p.rbdCache()).as(p.reason()).isEqualTo(cache);
        assertThat(p.writethroughUntilFlush()).as(p.reason()).isEqualTo(untilFlush);
        assertThat(p.reason()).contains("cache=" + mode).doesNotContain("\n");
    }

    @Test
    void reasonNamesTheOverriddenCephConfSetting() {
        RbdCachePrediction p = RbdCachePolicy.predict(DiskCacheMode.NONE,
                host("a", QEMU_7_2, CEPH_16, "[client]\nrbd cache = true\n"));
        assertThat(p.reason()).contains("cache=none (direct) sets rbd_cache=false")
                .contains("overriding ceph.conf [client] rbd_cache = true");
    }

    @Test
    void beforeQemu24AnExplicitCephConfSettingWins() {
        RbdCachePrediction p = RbdCachePolicy.predict(DiskCacheMode.NONE,
                host("old", ComponentVersion.of(2, 0), CEPH_16, "[global]\nrbd cache = true\n"));
        assertThat(p.rbdCache()).isTrue();
        assertThat(p.reason()).contains("ceph.conf [global] rbd_cache = true overrides cache=none");
        // without a ceph.conf setting the cache mode still decides
        assertThat(RbdCachePolicy.predict(DiskCacheMode.NONE, host("old", ComponentVersion.of(2, 0), CEPH_16, ""))
                .rbdCache()).isFalse();
    }

    @Test
    void beforeQemu12LibrbdDefaultsDecide() {
        HostCacheFacts firefly = host("ancient", ComponentVersion.of(1, 0), ComponentVersion.parse("0.80.11"), "");
        RbdCachePrediction p = RbdCachePolicy.predict(DiskCacheMode.WRITEBACK, firefly);
        assertThat(p.rbdCache()).isFalse();
        assertThat(p.writethroughUntilFlush()).isFalse();
        assertThat(p.reason()).contains("ignores cache=writeback").contains("librbd 0.80.11 default");
    }

    @Test
    void unsafeNeverFlushesSoLibrbdStaysWritethrough() {
        assertThat(RbdCachePolicy.predict(DiskCacheMode.UNSAFE, host("a", QEMU_7_2, CEPH_16, "")).reason())
                .contains("stays writethrough");
    }

    @Test
    void migrationBetweenAlikeHostsGivesNoWarning() {
        Map<String, DiskCacheMode> disks = Map.of("vda", DiskCacheMode.WRITEBACK, "vdb", DiskCacheMode.NONE);
        assertThat(RbdCachePolicy.checkMigration(disks, host("a", QEMU_7_2, CEPH_16, ""),
                host("b", QEMU_7_2, CEPH_16, "[client]\nrbd cache = false\n"))).isEmpty();
    }

    @Test
    void migrationToAnOldQemuWithRbdCacheOffWarnsPerDisk() {
        Map<String, DiskCacheMode> disks = new LinkedHashMap<>();
        disks.put("vda", DiskCacheMode.WRITEBACK);
        disks.put("vdb", DiskCacheMode.NONE);
        var warnings = RbdCachePolicy.checkMigration(disks, host("host-a", QEMU_7_2, CEPH_16, ""),
                host("host-b", ComponentVersion.of(2, 3), CEPH_16, "[client]\nrbd cache = false\n"));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.disk()).isEqualTo("vda");
            assertThat(w.message()).contains("host-a has rbd_cache=true").contains("host-b would have rbd_cache=false");
        });
    }

    @Test
    void differingWritethroughUntilFlushIsAlsoADifference() {
        assertThat(RbdCachePolicy.compare("vda", DiskCacheMode.WRITEBACK, host("a", QEMU_7_2, CEPH_16, ""),
                host("b", QEMU_7_2, CEPH_16, "[client.nova]\nrbd_cache_writethrough_until_flush = false\n")))
                .isPresent();
    }

    @Test
    void destinationRewritingTheCacheModeIsCompared() {
        assertThat(RbdCachePolicy.compare("vda", DiskCacheMode.WRITEBACK, host("a", QEMU_7_2, CEPH_16, ""),
                DiskCacheMode.NONE, host("b", QEMU_7_2, CEPH_16, ""))).isPresent();
    }

    @Test
    void badInputIsTyped() {
        assertThatThrownBy(() -> DiskCacheMode.fromLibvirt("fast")).isInstanceOf(CephConfigException.class)
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> ComponentVersion.parse("pacific")).isInstanceOf(CephConfigException.class);
        assertThatThrownBy(() -> RbdCachePolicy.predict(DiskCacheMode.NONE,
                host("a", QEMU_7_2, CEPH_16, "[client]\nrbd cache = perhaps\n"))).isInstanceOf(CephConfigException.class);
    }

    @Test
    void versionsParseFromLibvirtAndPackageForms() {
        assertThat(ComponentVersion.fromPacked(7002000)).isEqualTo(new ComponentVersion(7, 2, 0));
        assertThat(ComponentVersion.parse("1:7.2+dfsg-7+deb12u18")).isEqualTo(new ComponentVersion(7, 2, 0));
        assertThat(DiskCacheMode.fromLibvirt(null)).isEqualTo(DiskCacheMode.DEFAULT);
        assertThat(DiskCacheMode.WRITEBACK.libvirtValue()).isEqualTo("writeback");
    }
}
