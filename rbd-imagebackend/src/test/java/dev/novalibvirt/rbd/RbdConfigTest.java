package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RbdConfigTest {

    final Path conf = Path.of("/etc/ceph/ceph.conf");

    @Test
    void defaultsFollowNova() {
        RbdConfig c = RbdConfig.builder(conf, "nova").build();
        assertThat(c.pool()).isEqualTo("rbd");
        assertThat(c.imagesPool()).isEqualTo("images");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.destroyRetries()).isEqualTo(12);
        assertThat(c.destroyRetryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cacheMode()).isEqualTo("none");
    }

    @Test
    void networkCacheModeComesFromDiskCachemodes() {
        RbdConfig c = RbdConfig.builder(conf, "nova")
                .diskCacheModes(DiskCacheModes.parse("file=none,network=writeback")).build();
        assertThat(c.cacheMode()).isEqualTo("writeback");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> RbdConfig.builder(conf, "client.nova").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").pool("../vms").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").secretUuid("nope").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").connectTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").discard("trim").build()).isInstanceOf(InvalidInput.class);
    }

    @Test
    void missingBuilderPartsSayHowToSupplyThem() {
        assertThatThrownBy(() -> RbdConfig.builder(null, "nova").build()).isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("RbdConfig.builder(cephConf, user): cephConf is required")
                .hasMessageContaining("images_rbd_ceph_conf").hasMessageContaining("RbdConfig.from(novaConfig)");
        assertThatThrownBy(() -> RbdConfig.builder(conf, null).build()).isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("RbdConfig.builder(cephConf, user): user is required")
                .hasMessageContaining("rbd_user");
        assertThatThrownBy(() -> RbdConfig.builder((NovaConfig) null)).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("novaConfig is required");
    }

    @Test
    void novaConfIsTheOneSourceOfTheSharedOptions() {
        RbdConfig c = RbdConfig.from(NovaConfig.parse(String.join("\n",
                "[libvirt]",
                "images_type = rbd",
                "images_rbd_pool = vms",
                "images_rbd_ceph_conf = /srv/ceph/ceph.conf",
                "rbd_user = nova",
                "rbd_secret_uuid = 457eb676-33da-42ec-9a8c-9293d545c337",
                "rbd_connect_timeout = 9",
                "rbd_destroy_volume_retries = 3",
                "rbd_destroy_volume_retry_interval = 2",
                "disk_cachemodes = network=writeback",
                "hw_disk_discard = unmap", "")));
        assertThat(c.cephConf()).isEqualTo(Path.of("/srv/ceph/ceph.conf"));
        assertThat(c.user()).isEqualTo("nova");
        assertThat(c.pool()).isEqualTo("vms");
        assertThat(c.secretUuid()).contains("457eb676-33da-42ec-9a8c-9293d545c337");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.destroyRetries()).isEqualTo(3);
        assertThat(c.destroyRetryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.cacheMode()).isEqualTo("writeback");
        assertThat(c.discard()).contains("unmap");
        // not nova.conf options: ceph.conf's keyring, Glance's pool, ours
        assertThat(c.keyring()).isEmpty();
        assertThat(c.imagesPool()).isEqualTo("images");
        assertThat(c.opTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.monProtocol()).isEqualTo(MonProtocol.V1);
    }

    @Test
    void anRbdNovaConfWithoutRbdOptionsGetsNovasDefaults() {
        RbdConfig c = RbdConfig.from(NovaConfig.parse("[libvirt]\nimages_type = rbd\n"));
        assertThat(c.cephConf()).isEqualTo(Path.of("/etc/ceph/ceph.conf"));
        assertThat(c.user()).isEqualTo("admin");
        assertThat(c.pool()).isEqualTo("rbd");
        assertThat(c.secretUuid()).isEmpty();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.destroyRetries()).isEqualTo(12);
        assertThat(c.discard()).isEmpty();
        assertThat(RbdConfig.from(NovaConfig.parse("[libvirt]\nimages_type = rbd\nrbd_destroy_volume_retries = 0\n"))
                .destroyRetries()).isEqualTo(1);
    }

    @Test
    void whatNovaConfDoesNotHoldIsAddedOnTheBuilder() {
        NovaConfig nova = NovaConfig.parse("[libvirt]\nimages_type = rbd\nimages_rbd_pool = vms\nrbd_user = nova\n");
        RbdConfig c = RbdConfig.builder(nova).keyring(Path.of("/srv/ceph/ceph.client.nova.keyring"))
                .imagesPool("glance").build();
        assertThat(c.keyring()).isEqualTo(Optional.of(Path.of("/srv/ceph/ceph.client.nova.keyring")));
        assertThat(c.imagesPool()).isEqualTo("glance");
        assertThat(c.pool()).isEqualTo("vms");
    }

    @Test
    void aNonRbdNovaConfIsRefused() {
        assertThatThrownBy(() -> RbdConfig.from(NovaConfig.parse("[libvirt]\nimages_type = qcow2\n")))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("images_type = qcow2");
    }
}
