package dev.novalibvirt.rbd.rados;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CephClientConfigTest {

    @Test
    void timeoutsBecomeLibradosOptionsInWholeSecondsRoundedUp() {
        CephClientConfig c = new CephClientConfig(Path.of("/x/ceph.conf"), "nova", Optional.empty(),
                Duration.ofMillis(1500), Duration.ofMillis(200));
        assertThat(c.timeoutOptions()).containsEntry("client_mount_timeout", "2")
                .containsEntry("rados_mon_op_timeout", "1").containsEntry("rados_osd_op_timeout", "1");
    }
}
