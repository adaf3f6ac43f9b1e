package dev.novalibvirt.core.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CephConfTest {
    private static final String CONF = """
            # a lab-like ceph.conf
            [global]
            fsid = 0e7c1e5e-0000-4000-8000-000000000001
            mon host = [v2:198.18.0.1:3300,v1:198.18.0.1:6789]
            rbd cache = true    ; global default

            [client]
            rbd-cache = false
            admin socket = /run/ceph/$cluster-$name.$pid.$cctid.asok

            [client.nova]
            rbd_cache_writethrough_until_flush = "0"
            """;

    @Test
    void optionNamesWithSpacesDashesAndUnderscoresAreTheSame() {
        CephConf conf = CephConf.parse(CONF);
        assertThat(conf.lookup("client.admin", "rbd cache")).get()
                .satisfies(s -> assertThat(s.section()).isEqualTo("client"))
                .satisfies(s -> assertThat(s.asBoolean()).isFalse());
        assertThat(conf.lookup("client.admin", "RBD-Cache")).isPresent();
    }

    @Test
    void mostSpecificSectionWins() {
        CephConf conf = CephConf.parse(CONF);
        assertThat(conf.lookup("client.nova", "rbd_cache_writethrough_until_flush")).get()
                .satisfies(s -> assertThat(s.section()).isEqualTo("client.nova"))
                .satisfies(s -> assertThat(s.asBoolean()).isFalse());
        assertThat(conf.lookup("client.admin", "rbd_cache_writethrough_until_flush")).isEmpty();
        assertThat(conf.lookup("client.nova", "mon_host")).get()
                .satisfies(s -> assertThat(s.value()).isEqualTo("[v2:198.18.0.1:3300,v1:198.18.0.1:6789]"));
        assertThat(conf.lookup("client.nova", "admin socket").orElseThrow().value())
                .isEqualTo("/run/ceph/$cluster-$name.$pid.$cctid.asok");
    }

    @Test
    void continuationLinesAndCommentsAreHandled() {
        CephConf conf = CephConf.parse("[client]\n; comment\nrbd cache = \\\ntrue\n");
        assertThat(conf.lookup("client.x", "rbd_cache").orElseThrow().asBoolean()).isTrue();
    }

    @Test
    void booleansFollowCephSyntax() {
        assertThat(CephConf.parseBoolean("o", "TRUE")).isTrue();
        assertThat(CephConf.parseBoolean("o", "0")).isFalse();
        assertThat(CephConf.parseBoolean("o", "2")).isTrue();
        assertThatThrownBy(() -> CephConf.parseBoolean("rbd_cache", "maybe"))
                .isInstanceOf(CephConfigException.class).hasMessageContaining("rbd_cache");
    }

    @Test
    void malformedLinesAreRejectedWithoutEchoingValues() {
        assertThatThrownBy(() -> CephConf.parse("key = AQBsecret==\n"))
                .isInstanceOf(CephConfigException.class).hasMessageContaining("line 1")
                .hasMessageNotContaining("AQBsecret");
        assertThatThrownBy(() -> CephConf.parse("[client\n")).isInstanceOf(CephConfigException.class);
        assertThatThrownBy(() -> CephConf.parse("[client]\njust words\n")).isInstanceOf(CephConfigException.class);
    }

    @Test
    void emptyConfHasNothing() {
        assertThat(CephConf.empty().lookup("client.admin", "rbd_cache")).isEmpty();
        assertThat(CephConf.parse("").sections()).isEmpty();
    }
}
