package dev.novalibvirt.migration.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.LiveMigrationURINotAvailable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MigrationUrisTest {

    private static LibvirtOptions libvirt(String options) {
        return NovaConfig.parse("[libvirt]\n" + options).libvirt();
    }

    @Test
    void defaultSchemeIsTcpAndLibvirtPicksTheDataAddress() {
        MigrationUris u = MigrationUris.forMigration(libvirt(""), "host-b", null);
        assertThat(u.connectionUri()).isEqualTo("qemu+tcp://host-b/system");
        assertThat(u.migrateUri()).isNull();
    }

    @Test
    void schemeOptionIsUsed() {
        assertThat(MigrationUris.forMigration(libvirt("live_migration_scheme = tls"), "host-b", null).connectionUri())
                .isEqualTo("qemu+tls://host-b/system");
    }

    @Test
    void inboundAddressReplacesTheHostNameForBothUris() {
        MigrationUris u = MigrationUris.forMigration(libvirt(""), "host-b", "198.18.0.12");
        assertThat(u.connectionUri()).isEqualTo("qemu+tcp://198.18.0.12/system");
        assertThat(u.migrateUri()).isEqualTo("tcp://198.18.0.12");
    }

    @Test
    void tunnelledMigrationHasNoDataUri() {
        MigrationUris u = MigrationUris.forMigration(libvirt("live_migration_tunnelled = true"), "host-b",
                "198.18.0.12");
        assertThat(u.migrateUri()).isNull();
    }

    @Test
    void ipv6AddressesAreBracketed() {
        MigrationUris u = MigrationUris.forMigration(libvirt(""), "host-b", "fd00::12");
        assertThat(u.connectionUri()).isEqualTo("qemu+tcp://[fd00::12]/system");
        assertThat(u.migrateUri()).isEqualTo("tcp://[fd00::12]");
    }

    @Test
    void deprecatedUriTemplateIsFilledIn() {
        assertThat(MigrationUris.connectionUri(libvirt("live_migration_uri = qemu+ssh://nova@%s/system"), "fd00::1"))
                .isEqualTo("qemu+ssh://nova@[fd00::1]/system");
    }

    @Test
    void lxcHasNoMigrationUri() {
        assertThatThrownBy(() -> MigrationUris.connectionUri(libvirt("virt_type = lxc"), "host-b"))
                .isInstanceOf(LiveMigrationURINotAvailable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host-b;rm -rf /", "host b", "$(reboot)", "host-b/system", "`id`", "a|b", ""})
    void shellMetacharactersAreRefused(String dest) {
        assertThatThrownBy(() -> MigrationUris.forMigration(libvirt(""), dest, null))
                .isInstanceOf(InvalidHostname.class);
    }

    @Test
    void aBadInboundAddressIsRefusedToo() {
        assertThatThrownBy(() -> MigrationUris.forMigration(libvirt(""), "host-b", "1.2.3.4&&x"))
                .isInstanceOf(InvalidHostname.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"host-b", "host_b.example.org", "198.18.0.12", "fd00::12"})
    void plainNamesAndAddressesAreAccepted(String dest) {
        assertThat(MigrationUris.requireValidHostname(dest)).isEqualTo(dest);
    }
}
