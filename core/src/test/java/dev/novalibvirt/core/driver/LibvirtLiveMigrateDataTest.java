package dev.novalibvirt.core.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.exception.Invalid;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibvirtLiveMigrateDataTest {

    private static LibvirtLiveMigrateData everyField() {
        return LibvirtLiveMigrateData.builder()
                .isVolumeBacked(false).waitForVifPlugged(true)
                .vifs(List.of(new VifMigrateData("p1", "normal", "bridge", "host-b",
                        new Vif("p1", "52:54:00:AA:BB:CC", "br-guest", "virtio"))))
                .filename("tmpabc123").imageType("rbd").blockMigration(false).diskOverCommit(false)
                .diskAvailableMb(10240L).isSharedInstancePath(false).isSharedBlockStorage(true)
                .instanceRelativePath("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b")
                .graphicsListenAddrVnc("198.18.0.12").graphicsListenAddrSpice("198.18.0.12")
                .serialListenAddr("198.18.0.12").serialListenPorts(List.of(10001, 10002))
                .bdms(List.of(new LibvirtLiveMigrateBDMInfo("vol-1", "virtio", "vdb", "disk", "raw", null,
                        "{\"driver_volume_type\":\"rbd\"}", null)))
                .targetConnectAddr("198.18.0.12").supportedPerfEvents(List.of("cmt"))
                .dstWantsFileBackedMemory(false).dstInstancesPath("/srv/b/instances")
                .dstRbdCacheFacts(new RbdCacheFacts("host-b", "7.2.0", "16.2.15", "client.nova",
                        List.of(new RbdCacheFacts.ConfSetting("client", "rbd_cache", "false")), "writeback"))
                .build();
    }

    @Test
    void everyFieldSurvivesAJsonRoundTrip() {
        LibvirtLiveMigrateData md = everyField();
        assertThat(LibvirtLiveMigrateData.fromJson(md.toJson())).isEqualTo(md);
    }

    @Test
    void jsonUsesNovasFieldNamesAndLeavesUnsetFieldsOut() {
        String json = LibvirtLiveMigrateData.builder().isSharedInstancePath(false).imageType("rbd").build().toJson();
        assertThat(json).isEqualTo("{\"image_type\":\"rbd\",\"is_shared_instance_path\":false}");
    }

    @Test
    void destinationCacheFactsTravelUnderTheirOwnName() {
        LibvirtLiveMigrateData md = everyField();
        String json = md.toJson();
        assertThat(json).contains("\"dst_rbd_cache_facts\":{\"host\":\"host-b\",\"qemu\":\"7.2.0\"")
                .contains("\"network_cache_mode\":\"writeback\"");
        RbdCacheFacts back = LibvirtLiveMigrateData.fromJson(json).dstRbdCacheFacts();
        assertThat(back).isEqualTo(md.dstRbdCacheFacts());
        assertThat(back.toHostCacheFacts().cephConf().lookup("client.nova", "rbd cache").orElseThrow().value())
                .isEqualTo("false");
    }

    @Test
    void unknownCephVersionStaysUnknownOnTheWire() {
        RbdCacheFacts facts = new RbdCacheFacts("host-b", "7.2.0", null, "client.nova", null, null);
        String json = LibvirtLiveMigrateData.builder().dstRbdCacheFacts(facts).build().toJson();
        assertThat(json).doesNotContain("\"ceph\"");
        assertThat(LibvirtLiveMigrateData.fromJson(json).dstRbdCacheFacts()).isEqualTo(facts);
        assertThat(facts.toHostCacheFacts().ceph()).isEqualTo(RbdCacheFacts.ASSUMED_CEPH);
    }

    @Test
    void unsetStaysUnsetAcrossTheWire() {
        LibvirtLiveMigrateData back = LibvirtLiveMigrateData.fromJson(LibvirtLiveMigrateData.empty().toJson());
        assertThat(back.blockMigration()).isNull();
        assertThat(back.serialListenPorts()).isNull();
        assertThat(back).isEqualTo(LibvirtLiveMigrateData.empty());
    }

    @Test
    void fieldsFromNewerPeersAreIgnored() {
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.fromJson(
                "{\"filename\":\"tmpf\",\"dst_cpu_shared_set_info\":[1,2],\"vtpm_secret_uuid\":null}");
        assertThat(md.filename()).isEqualTo("tmpf");
    }

    @Test
    void malformedJsonIsATypedError() {
        assertThatThrownBy(() -> LibvirtLiveMigrateData.fromJson("{\"block_migration\": \"perhaps\""))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void toBuilderCopiesAndOverrides() {
        LibvirtLiveMigrateData md = everyField();
        LibvirtLiveMigrateData changed = md.toBuilder().targetConnectAddr("198.18.0.11").build();
        assertThat(changed.targetConnectAddr()).isEqualTo("198.18.0.11");
        assertThat(changed.toBuilder().targetConnectAddr("198.18.0.12").build()).isEqualTo(md);
    }

    @Test
    void onSharedStorageIsBlockOrPath() {
        assertThat(LibvirtLiveMigrateData.builder().isSharedBlockStorage(true).build().isOnSharedStorage()).isTrue();
        assertThat(LibvirtLiveMigrateData.builder().isSharedInstancePath(true).build().isOnSharedStorage()).isTrue();
        assertThat(LibvirtLiveMigrateData.empty().isOnSharedStorage()).isFalse();
    }
}
