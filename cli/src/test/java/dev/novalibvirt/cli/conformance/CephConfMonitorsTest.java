package dev.novalibvirt.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.ceph.CephConf;
import org.junit.jupiter.api.Test;

/** The monitor hosts of a ceph.conf in each form librados reads, as the guest's disk XML names them. */
class CephConfMonitorsTest {
    private static java.util.List<String> hosts(String conf) {
        return CephConfMonitors.hosts(CephConf.parse(conf), "client.nova");
    }

    @Test
    void everyFormOfMonHostGivesItsHosts() {
        assertThat(hosts("[global]\nmon host = [v2:198.18.0.1:3300,v1:198.18.0.1:6789]\n")).containsExactly("198.18.0.1");
        assertThat(hosts("[global]\nmon_host = 198.18.0.1:6789, 198.18.0.2 198.18.0.3\n"))
                .containsExactly("198.18.0.1", "198.18.0.2", "198.18.0.3");
        assertThat(hosts("[global]\nmon host = mon1.example.org\n")).containsExactly("mon1.example.org");
        assertThat(hosts("[global]\nmon host = v1:198.18.0.1:6789/0\n")).containsExactly("198.18.0.1");
    }

    @Test
    void aClientSectionWinsAndNoneIsEmpty() {
        assertThat(hosts("[global]\nmon host = 198.18.0.1\n[client.nova]\nmon host = 198.18.0.9\n"))
                .containsExactly("198.18.0.9");
        assertThat(hosts("[global]\nfsid = 1\n")).isEmpty();
    }
}
