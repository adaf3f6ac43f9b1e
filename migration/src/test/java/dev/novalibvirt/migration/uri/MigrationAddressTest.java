package dev.novalibvirt.migration.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidHostname;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form of address an inbound address or a forced URI may carry, and the garbage that must be refused. */
class MigrationAddressTest {

    @ParameterizedTest(name = "{0} -> host {1}, port {2}, authority {3}")
    @CsvSource({
            "198.18.0.12,         198.18.0.12,       -1,    198.18.0.12",
            "127.0.0.1:4444,      127.0.0.1,         4444,  127.0.0.1:4444",
            "fd00::12,            fd00::12,          -1,    [fd00::12]",
            "::1,                 ::1,               -1,    [::1]",
            "[fd00::12],          fd00::12,          -1,    [fd00::12]",
            "[fd00::12]:4444,     fd00::12,          4444,  [fd00::12]:4444",
            "[0:0:0:0:0:0:0:1]:4444, 0:0:0:0:0:0:0:1, 4444, [0:0:0:0:0:0:0:1]:4444",
            "::ffff:198.18.0.12,  ::ffff:198.18.0.12, -1,   [::ffff:198.18.0.12]",
            "host-b,              host-b,            -1,    host-b",
            "host_b.example.org,  host_b.example.org, -1,   host_b.example.org",
            "host-b:16509,        host-b,            16509, host-b:16509",
    })
    void parsesEveryFormOfAddress(String text, String host, int port, String authority) {
        MigrationAddress a = MigrationAddress.parse(text);
        assertThat(a.host()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
        assertThat(a.authority()).isEqualTo(authority);
        assertThat(a.isIpv6()).isEqualTo(host.contains(":"));
        assertThat(a.portIfAny().isPresent()).isEqualTo(port != -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host b", "1.2.3.4&&x", "$(reboot)", "host-b/system", "[::1", "::1]", "[host-b]",
            "[198.18.0.12]:4444", "host-b:", "host-b:http", "host-b:99999", "host-b:0", "host-b:+80", "a:b:c",
            "fe80::1%eth0", "[fd00::12]:", "[fd00::12]x", "héte"})
    void garbageIsRefusedWithATypedExceptionNamingIt(String text) {
        assertThatThrownBy(() -> MigrationAddress.parse(text)).isInstanceOf(InvalidHostname.class)
                .hasMessageStartingWith("Invalid migration address '").hasMessageNotContaining("\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host b", "a:b:c"})
    void aRecordBuiltDirectlyIsCheckedToo(String host) {
        assertThatThrownBy(() -> new MigrationAddress(host, -1)).isInstanceOf(InvalidHostname.class);
        assertThatThrownBy(() -> new MigrationAddress("host-b", 65536)).isInstanceOf(InvalidHostname.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00::12", "::1"})
    void escapeIpv6BracketsOnlyABareIpv6Address(String v6) {
        assertThat(MigrationUris.escapeIpv6(v6)).isEqualTo("[" + v6 + "]");
        assertThat(MigrationUris.escapeIpv6("[" + v6 + "]:4444")).isEqualTo("[" + v6 + "]:4444");
        assertThat(MigrationUris.escapeIpv6("127.0.0.1:4444")).isEqualTo("127.0.0.1:4444");
        assertThat(MigrationUris.escapeIpv6("host-b")).isEqualTo("host-b");
    }
}
