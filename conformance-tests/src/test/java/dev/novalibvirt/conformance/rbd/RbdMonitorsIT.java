package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** monitorAddresses() over the mon-command API shows what {@code ceph mon dump} shows, for v1 and v2. */
@ExtendWith(LabExtension.class)
@Timeout(120)
class RbdMonitorsIT {

    final RbdLab lab;
    final RbdDriver driver;

    RbdMonitorsIT(LabEnv env) {
        this.lab = RbdLab.of(env);
        this.driver = lab.driver();
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void monitorListEqualsCephMonDumpForV1AndV2() throws Exception {
        JsonNode dump = new ObjectMapper().readTree(lab.cli("ceph", "mon", "dump", "--format", "json"));
        for (MonProtocol protocol : MonProtocol.values()) {
            List<String> expected = new ArrayList<>();
            for (JsonNode mon : dump.path("mons")) {
                for (JsonNode a : mon.path("public_addrs").path("addrvec")) {
                    if (a.path("type").asText().equals(protocol.name().toLowerCase())) {
                        expected.add(a.path("addr").asText().replace("[", "").replace("]", ""));
                    }
                }
            }
            List<String> ours = driver.monitorAddresses(protocol).stream()
                    .map(m -> m.host() + ":" + m.port()).toList();
            assertThat(ours).as("%s monitors", protocol).isNotEmpty().isEqualTo(expected);
        }
    }

    @Test
    void theLabMonitorsAreThoseOfLabEnvWithDefaultPorts() {
        for (String host : lab.get("CEPH_MON_HOSTS").split(",")) {
            assertThat(driver.monitorAddresses(MonProtocol.V1)).contains(new MonAddress(host.trim(), 6789, MonProtocol.V1));
            assertThat(driver.monitorAddresses(MonProtocol.V2)).contains(new MonAddress(host.trim(), 3300, MonProtocol.V2));
        }
    }

    @Test
    void fsidIsTheLabsFsid() {
        assertThat(driver.fsid()).isEqualTo(lab.get("CEPH_FSID"));
    }
}
