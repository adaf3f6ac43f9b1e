package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.rados.RbdError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** One driver (one Ceph connection) serves many threads, then closes deterministically. */
@ExtendWith(LabExtension.class)
@Timeout(120)
class RbdConcurrencyIT {

    final RbdLab lab;

    RbdConcurrencyIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    static final long MIB = 1024 * 1024;

    @Test
    void eightThreadsShareOneConnectionAndCloseEndsIt() throws Exception {
        RbdDriver driver = lab.driver();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> names = new ArrayList<>();
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String name = RbdLab.freshUuid() + "_disk";
                names.add(name);
                long size = (t + 1) * MIB;
                results.add(pool.submit(() -> {
                    driver.create("vms", name, size);
                    long sum = 0;
                    for (int i = 0; i < 20; i++) {
                        sum += driver.size("vms", name);
                        assertThat(driver.exists("vms", name)).isTrue();
                    }
                    driver.resize("vms", name, 2 * size);
                    return sum / 20 + driver.size("vms", name);
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertThat(results.get(t).get()).isEqualTo(3 * (t + 1) * MIB);
            }
            assertThat(driver.connection()).isSameAs(driver.connection());
        } finally {
            pool.shutdownNow();
            for (String n : names) {
                driver.destroyVolume("vms", n);
            }
            driver.close();
        }
        assertThatThrownBy(() -> driver.exists("vms", names.get(0))).as("closed for good, typed, no native call")
                .isInstanceOf(RbdError.ConnectionClosed.class);
        driver.close(); // idempotent
    }
}
