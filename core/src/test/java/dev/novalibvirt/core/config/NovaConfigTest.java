package dev.novalibvirt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NovaConfigTest {

    @Test
    void anEmptyNovaConfHasNovasDefaults() {
        NovaConfig c = NovaConfig.defaultConfig();
        assertThat(c.defaults().instancesPath()).isEqualTo(Path.of("/var/lib/nova/instances"));
        assertThat(c.defaults().liveMigrationRetryCount()).isEqualTo(30);
        LibvirtOptions l = c.libvirt();
        assertThat(l.virtType()).isEqualTo("kvm");
        assertThat(l.imagesType()).isEqualTo("default");
        assertThat(l.imagesRbdPool()).isEqualTo("rbd");
        assertThat(l.imagesRbdCephConf()).isEmpty();
        assertThat(l.imagesRbdCephConfPath()).isEqualTo(Path.of("/etc/ceph/ceph.conf"));
        assertThat(l.rbdDestroyVolumeRetries()).isEqualTo(12);
        assertThat(l.rbdDestroyVolumeRetryInterval()).isEqualTo(5);
        assertThat(l.hwDiskDiscard()).isNull();
        assertThat(l.rbdUser()).isNull();
        assertThat(l.rbdSecretUuid()).isNull();
        assertThat(l.diskCachemodes().bySourceType()).isEmpty();
        assertThat(l.liveMigrationScheme()).isNull();
        assertThat(l.liveMigrationInboundAddr()).isNull();
        assertThat(l.liveMigrationUri()).isNull();
        assertThat(l.liveMigrationBandwidth()).isZero();
        assertThat(l.liveMigrationTunnelled()).isFalse();
        assertThat(l.liveMigrationWithNativeTls()).isFalse();
        assertThat(l.liveMigrationPermitPostCopy()).isFalse();
        assertThat(l.liveMigrationPermitAutoConverge()).isFalse();
        assertThat(l.liveMigrationCompletionTimeout()).isEqualTo(800);
        assertThat(l.liveMigrationTimeoutAction()).isEqualTo("abort");
        assertThat(l.liveMigrationDowntime()).isEqualTo(500);
        assertThat(l.liveMigrationDowntimeSteps()).isEqualTo(10);
        assertThat(l.liveMigrationDowntimeDelay()).isEqualTo(75);
        assertThat(l.liveMigrationConvergencePolicy()).isFalse();
        assertThat(c.workarounds().ensureLibvirtRbdInstanceDirCleanup()).isFalse();
        assertThat(c.consoles().vncServerListen()).isEqualTo("127.0.0.1");
    }

    @Test
    void aRealNovaConfFileIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nova.conf");
        Files.writeString(file, String.join("\n",
                "[DEFAULT]",
                "# comment",
                "state_path = /srv/nova",
                "instances_path = $state_path/instances",
                "live_migration_retry_count = 5",
                "",
                "[libvirt]",
                "virt_type = qemu",
                "images_type = rbd",
                "images_rbd_pool = vms",
                "images_rbd_ceph_conf = /etc/ceph/ceph.conf",
                "rbd_user = nova",
                "rbd_secret_uuid = 5ec7e700-0000-4000-8000-000000000001",
                "disk_cachemodes = network=writeback, file=bogus, block=none",
                "live_migration_scheme = tcp",
                "live_migration_inbound_addr = 198.18.0.12",
                "live_migration_bandwidth = 100",
                "live_migration_permit_auto_converge = True",
                "live_migration_completion_timeout = 0",
                "live_migration_timeout_action = force_complete",
                "live_migration_downtime = 300",
                "live_migration_downtime_steps = 5",
                "live_migration_downtime_delay = 10",
                "[workarounds]",
                "ensure_libvirt_rbd_instance_dir_cleanup = yes",
                "[vnc]",
                "server_listen = 198.18.0.12"));
        NovaConfig c = NovaConfig.fromFile(file);
        assertThat(c.defaults().instancesPath()).isEqualTo(Path.of("/srv/nova/instances"));
        assertThat(c.defaults().liveMigrationRetryCount()).isEqualTo(5);
        LibvirtOptions l = c.libvirt();
        assertThat(l.virtType()).isEqualTo("qemu");
        assertThat(l.usesRbd()).isTrue();
        assertThat(l.imagesRbdPool()).isEqualTo("vms");
        assertThat(l.rbdUser()).isEqualTo("nova");
        assertThat(l.diskCachemodes().bySourceType()).isEqualTo(Map.of("network", "writeback", "block", "none"));
        assertThat(l.diskCachemodes().forSourceType("network")).contains("writeback");
        assertThat(l.liveMigrationInboundAddr()).isEqualTo("198.18.0.12");
        assertThat(l.liveMigrationBandwidth()).isEqualTo(100);
        assertThat(l.liveMigrationPermitAutoConverge()).isTrue();
        assertThat(l.liveMigrationTimeoutAction()).isEqualTo("force_complete");
        assertThat(l.liveMigrationDowntimeSteps()).isEqualTo(5);
        assertThat(c.workarounds().ensureLibvirtRbdInstanceDirCleanup()).isTrue();
        assertThat(c.consoles().vncServerListen()).isEqualTo("198.18.0.12");
    }

    @Test
    void rbdDestroyRetriesAndDiscardAreNovasLibvirtOptions() {
        LibvirtOptions l = NovaConfig.parse(String.join("\n", "[libvirt]", "images_rbd_ceph_conf = /srv/ceph.conf",
                "rbd_destroy_volume_retries = 0", "rbd_destroy_volume_retry_interval = 2", "hw_disk_discard = unmap",
                "")).libvirt();
        assertThat(l.imagesRbdCephConfPath()).isEqualTo(Path.of("/srv/ceph.conf"));
        assertThat(l.rbdDestroyVolumeRetries()).isZero();
        assertThat(l.rbdDestroyVolumeRetryInterval()).isEqualTo(2);
        assertThat(l.hwDiskDiscard()).isEqualTo("unmap");
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nhw_disk_discard = trim\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("hw_disk_discard");
    }

    @Test
    void theConvergencePolicyIsSwitchedOnInLibvirtSection() {
        assertThat(NovaConfig.parse("[libvirt]\nlive_migration_convergence_policy = true\n").libvirt()
                .liveMigrationConvergencePolicy()).isTrue();
        assertThat(NovaConfig.parse("[libvirt]\nlive_migration_convergence_policy = false\n").libvirt()
                .liveMigrationConvergencePolicy()).isFalse();
    }

    @Test
    void tunnelledWithNativeTlsIsRejectedAtStartUp() {
        assertThatThrownBy(() -> NovaConfig.parse(
                "[libvirt]\nlive_migration_tunnelled = true\nlive_migration_with_native_tls = true\n"))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("live_migration_tunnelled").hasMessageContaining("live_migration_with_native_tls");
    }

    @Test
    void rbdWithoutRawImagesIsRejected() {
        assertThatThrownBy(() -> NovaConfig.parse("[DEFAULT]\nforce_raw_images = false\n[libvirt]\nimages_type = rbd\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("force_raw_images");
    }

    @Test
    void deprecatedMigrationUriNeedsAPlaceholder() {
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nlive_migration_uri = qemu+ssh://fixed/system\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("%s");
    }

    @Test
    void valuesBelowNovasMinimumAreRejected() {
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nlive_migration_downtime = 50\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("minimum 100");
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nlive_migration_downtime_steps = 2\n"))
                .isInstanceOf(InvalidConfiguration.class);
    }

    @Test
    void unknownChoicesAndBadBooleansAreRejected() {
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nvirt_type = xen\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("virt_type");
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nlive_migration_tunnelled = maybe\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nrbd_secret_uuid = not-a-uuid\n"))
                .isInstanceOf(InvalidConfiguration.class);
    }

    @Test
    void malformedFilesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> NovaConfig.parse("[libvirt]\nthis is not an option\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> NovaConfig.parse("virt_type = kvm\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("outside any [section]");
    }

    @Test
    void maxConcurrentLiveMigrationsIsReadFromDefaultWithNovasDefaultOfOne() {
        assertThat(NovaConfig.defaultConfig().defaults().maxConcurrentLiveMigrations()).isEqualTo(1);
        assertThat(NovaConfig.parse("[DEFAULT]\nmax_concurrent_live_migrations = 0\n").defaults()
                .maxConcurrentLiveMigrations()).as("0 = unlimited").isZero();
        assertThat(NovaConfig.parse("[DEFAULT]\nmax_concurrent_live_migrations = 3\n")
                .withInstancesPath(Path.of("/tmp/x")).defaults().maxConcurrentLiveMigrations()).isEqualTo(3);
        assertThatThrownBy(() -> NovaConfig.parse("[DEFAULT]\nmax_concurrent_live_migrations = -1\n"))
                .isInstanceOf(InvalidConfiguration.class);
    }
}
