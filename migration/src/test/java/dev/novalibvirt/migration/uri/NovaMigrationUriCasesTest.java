package dev.novalibvirt.migration.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.LiveMigrationURINotAvailable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nova's cases for {@code _live_migration_uri}, {@code _migrate_uri} and {@code is_valid_hostname}
 * (nova/tests/unit/virt/libvirt/test_driver.py, test_utils.py), one method per Nova test, named after it.
 */
class NovaMigrationUriCasesTest {

    /** The addresses Nova's tests pass unchanged into both URIs (an IPv4 address with a port included). */
    private static final List<String> ADDRESSES = List.of("127.0.0.1", "127.0.0.1:4444", "[::1]:4444",
            "[0:0:0:0:0:0:0:1]:4444", "destination");
    private static final List<String> IPV6 = List.of("::1", "0:0:0:0:0:0:0:1");

    private static LibvirtOptions libvirt(String options) {
        return NovaConfig.parse("[libvirt]\n" + options).libvirt();
    }

    @Test
    void test_live_migration_uri() {
        for (String dest : ADDRESSES) {
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = kvm"), dest))
                    .isEqualTo("qemu+tcp://" + dest + "/system");
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = qemu"), dest))
                    .isEqualTo("qemu+tcp://" + dest + "/system");
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = parallels"), dest))
                    .isEqualTo("parallels+tcp://" + dest + "/system");
            assertThatThrownBy(() -> MigrationUris.connectionUri(libvirt("virt_type = lxc"), dest))
                    .isInstanceOf(LiveMigrationURINotAvailable.class);
        }
    }

    @Test
    void test_live_migration_uri_ipv6() {
        for (String dest : IPV6) {
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = kvm"), dest))
                    .isEqualTo("qemu+tcp://[" + dest + "]/system");
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = qemu"), dest))
                    .isEqualTo("qemu+tcp://[" + dest + "]/system");
            assertThat(MigrationUris.connectionUri(libvirt("virt_type = parallels"), dest))
                    .isEqualTo("parallels+tcp://[" + dest + "]/system");
            assertThatThrownBy(() -> MigrationUris.connectionUri(libvirt("virt_type = lxc"), dest))
                    .isInstanceOf(LiveMigrationURINotAvailable.class);
        }
    }

    @Test
    void test_live_migration_uri_forced() {
        assertThat(MigrationUris.connectionUri(libvirt("virt_type = kvm\nlive_migration_uri = foo://%s/bar"),
                "destination")).isEqualTo("foo://destination/bar");
    }

    /** The forced URI with an IPv4 address and port, the issue-14 mismatch: no brackets. */
    @Test
    void forcedUriKeepsAnIpv4AddressWithItsPortUnbracketed() {
        LibvirtOptions forced = libvirt("live_migration_uri = qemu+ssh://nova@%s/system");
        assertThat(MigrationUris.connectionUri(forced, "127.0.0.1:4444"))
                .isEqualTo("qemu+ssh://nova@127.0.0.1:4444/system");
        assertThat(MigrationUris.connectionUri(forced, "::1")).isEqualTo("qemu+ssh://nova@[::1]/system");
    }

    @Test
    void test_live_migration_scheme() {
        assertThat(MigrationUris.connectionUri(libvirt("live_migration_scheme = ssh"), "destination"))
                .isEqualTo("qemu+ssh://destination/system");
    }

    /** Deliberate difference: Nova lets the forced URI win; we refuse the pair at start-up (README table). */
    @Test
    void test_live_migration_scheme_does_not_override_uri() {
        assertThatThrownBy(() -> libvirt("live_migration_uri = qemu+ssh://%s/system\nlive_migration_scheme = tcp"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void test_migrate_uri() {
        assertThat(MigrationUris.dataUri(libvirt("virt_type = kvm"), "destination")).isEqualTo("tcp://destination");
        assertThat(MigrationUris.dataUri(libvirt("virt_type = qemu"), "destination")).isEqualTo("tcp://destination");
    }

    @Test
    void test_migrate_uri_forced_live_migration_uri() {
        assertThat(MigrationUris.dataUri(libvirt("virt_type = kvm\nlive_migration_uri = qemu+tcp://user:pass@%s/system"),
                "destination")).isEqualTo("tcp://destination");
    }

    @Test
    void test_migrate_uri_forced_live_migration_inboud_addr() {
        for (String dest : ADDRESSES) {
            assertThat(MigrationUris.dataUri(libvirt("virt_type = kvm"), dest)).isEqualTo("tcp://" + dest);
            // And the whole choice of _live_migration_operation with that inbound address.
            MigrationUris uris = MigrationUris.forMigration(libvirt("virt_type = kvm"), "host-b", dest);
            assertThat(uris.connectionUri()).isEqualTo("qemu+tcp://" + dest + "/system");
            assertThat(uris.migrateUri()).isEqualTo("tcp://" + dest);
        }
    }

    @Test
    void test_migrate_uri_forced_live_migration_inboud_addr_ipv6() {
        for (String dest : IPV6) {
            assertThat(MigrationUris.dataUri(libvirt("virt_type = kvm"), dest)).isEqualTo("tcp://[" + dest + "]");
        }
    }

    @Test
    void test_valid_hostname_normal() {
        assertThat(MigrationUris.requireValidHostname("hello.world.com")).isEqualTo("hello.world.com");
    }

    @Test
    void test_valid_hostname_ipv4addr() {
        assertThat(MigrationUris.requireValidHostname("10.0.2.1")).isEqualTo("10.0.2.1");
    }

    @Test
    void test_valid_hostname_ipv6addr() {
        assertThat(MigrationUris.requireValidHostname("240:2ac3::2")).isEqualTo("240:2ac3::2");
    }

    @Test
    void test_valid_hostname_bad() {
        assertThatThrownBy(() -> MigrationUris.requireValidHostname("foo/?com=/bin/sh"))
                .isInstanceOf(InvalidHostname.class);
    }

    @Test
    void test_live_migration_hostname_invalid() {
        assertThatThrownBy(() -> MigrationUris.forMigration(libvirt(""), "foo/?com=/bin/sh", null))
                .isInstanceOf(InvalidHostname.class).hasMessageContaining("foo/?com=/bin/sh");
    }
}
