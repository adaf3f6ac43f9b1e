package dev.novalibvirt.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's conformance config: what a real site has, each bad key refused by name before anything runs. */
class SiteConfigReaderTest {
    @TempDir
    Path dir;

    private ConfigurationError refused(String... replace) {
        Path file = SiteConfigs.write(dir, replace);
        try {
            SiteConfigReader.read(file);
        } catch (ConfigurationError e) {
            return e;
        }
        throw new AssertionError("accepted: " + SiteConfigs.text(dir, replace));
    }

    @Test
    void aSitesTwoHostsCephAndBaseImageAreRead() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir));

        assertThat(c.site()).isEqualTo("lab");
        assertThat(c.host1()).isEqualTo(new SiteHost("host1", "host-a", "qemu+tcp://198.18.0.11/system",
                "198.18.0.11", Path.of("/var/lib/nova/instances")));
        assertThat(c.host2().name()).isEqualTo("host-b");
        assertThat(c.host2().instancesPath()).as("Nova's default").isEqualTo(Path.of("/var/lib/nova/instances"));
        assertThat(c.cephConf()).isEqualTo(dir.resolve("ceph.conf"));
        assertThat(c.keyring()).isEqualTo(dir.resolve("ceph.client.nova.keyring"));
        assertThat(c.user()).isEqualTo("nova");
        assertThat(c.pool()).isEqualTo("vms");
        assertThat(c.imagesPool()).isEqualTo("images");
        assertThat(c.secretUuid()).isEqualTo(SiteConfigs.SECRET_UUID);
        assertThat(c.imageSnap()).as("Glance's snapshot name").isEqualTo("snap");
        assertThat(c.virtType()).isEqualTo("qemu");
        assertThat(c.cacheMode()).isEqualTo(DiskCacheMode.WRITEBACK);
        assertThat(c.memoryMib()).isEqualTo(64);
        assertThat(c.rootGb()).isEqualTo(1);
    }

    @Test
    void eachHostsNovaConfIsTheOneItsOperatorWouldWrite() {
        SiteConfig c = SiteConfigReader.read(SiteConfigs.write(dir));

        NovaConfig b = NovaConfig.parse(c.novaConf(c.host2()));

        assertThat(b.defaults().host()).isEqualTo("host-b");
        assertThat(b.libvirt().connectionUri()).isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(b.libvirt().liveMigrationInboundAddr()).isEqualTo("198.18.0.12");
        assertThat(b.libvirt().rbdSecretUuid()).isEqualTo(SiteConfigs.SECRET_UUID);
        assertThat(b.libvirt().imagesRbdPool()).isEqualTo("vms");
        assertThat(c.novaConf(c.host2())).contains("disk_cachemodes = network=writeback", "images_type = rbd",
                "rbd_user = nova", "[vnc]\nserver_listen = 198.18.0.12");
    }

    @Test
    void aMissingKeyIsNamed() {
        ConfigurationError e = refused("uri = qemu+tcp://198.18.0.12/system\n", "");

        assertThat(e.key()).isEqualTo("[host2] uri");
        assertThat(e).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining(dir.resolve("site.conf").toString()).hasMessageContaining("[host2] uri: is required");
    }

    @Test
    void eachBadValueIsRefusedWithTheKeyAndWhatWasExpected() {
        assertThat(refused("uri = qemu+tcp://198.18.0.11/system", "uri = host-a").key()).isEqualTo("[host1] uri");
        assertThat(refused("address = 198.18.0.12", "address = 198.18.0.12;reboot"))
                .hasMessageContaining("[host2] address").hasMessageContaining("Invalid characters in hostname");
        assertThat(refused("name = host-b", "name = host-a"))
                .hasMessageContaining("[host2] name: names the same host as [host1] name");
        assertThat(refused("uri = qemu+tcp://198.18.0.12/system", "uri = qemu+tcp://198.18.0.11/system").key())
                .isEqualTo("[host2] uri");
        assertThat(refused("secret_uuid = " + SiteConfigs.SECRET_UUID, "secret_uuid = client.nova"))
                .hasMessageContaining("[ceph] secret_uuid: is not a uuid (expected the libvirt secret's uuid")
                .hasMessageNotContaining("client.nova");
        assertThat(refused("pool = vms", "pool = vms; rm -rf /").key()).isEqualTo("[ceph] pool");
        assertThat(refused("cache_mode = writeback", "cache_mode = fast"))
                .hasMessageContaining("[guest] cache_mode: is 'fast' (expected one of Nova's disk cache modes: default,"
                        + " directsync, none, unsafe, writeback, writethrough)");
        assertThat(refused("virt_type = qemu", "virt_type = xen").key()).isEqualTo("[guest] virt_type");
        assertThat(refused("memory_mb = 64", "memory_mb = lots"))
                .hasMessageContaining("[guest] memory_mb: is 'lots' (expected a whole number from 16 to 1048576)");
        assertThat(refused("instances_path = /var/lib/nova/instances", "instances_path = instances").key())
                .isEqualTo("[host1] instances_path");
    }

    @Test
    void aKeyringThatCannotBeReadHereIsRefusedWithoutReadingIt() throws Exception {
        ConfigurationError e = refused("ceph.client.nova.keyring", "no-such.keyring");

        assertThat(e.key()).isEqualTo("[ceph] keyring");
        assertThat(e).hasMessageContaining("cannot read " + dir.resolve("no-such.keyring"));
        assertThat(Files.readString(dir.resolve("ceph.client.nova.keyring"))).contains("key = AQ");
        assertThat(e.getMessage()).doesNotContain("AQ");
    }

    @Test
    void agentsAreRefusedUntilTheRunCanUseThem() {
        ConfigurationError e = refused("[host2]\n", "[host2]\nagent = rabbit://compute-2\n");

        assertThat(e.key()).isEqualTo("[host2] agent");
        assertThat(e).hasMessageContaining("give the host's libvirtd as uri");
    }

    @Test
    void aMissingFileOrABrokenLineIsAConfigurationError() throws Exception {
        assertThatThrownBy(() -> SiteConfigReader.read(dir.resolve("none.conf")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("none.conf: --config: cannot read");
        Files.writeString(dir.resolve("broken.conf"), "name = outside\n");
        assertThatThrownBy(() -> SiteConfigReader.read(dir.resolve("broken.conf")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("syntax")
                .hasMessageContaining("outside any [section]");
    }
}
