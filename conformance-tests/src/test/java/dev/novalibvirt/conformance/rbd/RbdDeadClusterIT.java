package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.rados.RbdError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a monitor that does not answer, the driver fails within its connect timeout with a typed error
 * instead of hanging. The shared lab mon is left alone: a copy of ceph.conf points mon_host at a lab bridge
 * address/port where nothing listens.
 */
@ExtendWith(LabExtension.class)
@Timeout(60)
class RbdDeadClusterIT {

    final RbdLab lab;

    RbdDeadClusterIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    @Test
    void aDeadMonitorGivesATypedErrorWithinTheConnectTimeout(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("dead-mon.conf");
        List<String> lines = Files.readAllLines(lab.cephConf()).stream()
                .map(l -> l.trim().startsWith("mon host") || l.trim().startsWith("mon_host")
                        ? "mon host = [v2:198.18.0.1:3390,v1:198.18.0.1:6799]" : l)
                .toList();
        Files.write(conf, lines);
        Duration timeout = Duration.ofSeconds(3);
        try (RbdDriver dead = new RbdDriver(lab.config().connectTimeout(timeout).build()
                .withCephConf(conf))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> dead.exists("vms", "anything")).isInstanceOf(StorageError.class)
                    .isInstanceOf(RbdError.CephTimeout.class)
                    .hasMessageContaining("client.nova");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("failed within the connect timeout plus slack").isLessThan(timeout.plusSeconds(5));
            // and again: no half-open state, the next call fails the same way
            assertThatThrownBy(() -> dead.monitorAddresses(dev.novalibvirt.rbd.rados.MonProtocol.V1))
                    .isInstanceOf(RbdError.CephTimeout.class);
        }
    }
}
