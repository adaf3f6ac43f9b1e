package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.config.NovaConfig;
import org.junit.jupiter.api.Test;

class RbdImageBackendTest {

    @Test
    void reportsItsMonitorsWithoutConnectingFirst() {
        // no Ceph here: building the backend and asking whether it reports monitors must not connect
        try (RbdImageBackend rbd = RbdImageBackend.of(RbdConfig.from(NovaConfig.parse(
                "[libvirt]\nimages_type = rbd\nimages_rbd_ceph_conf = /nonexistent/ceph.conf\n")))) {
            assertThat(rbd.reportsMonitors()).isTrue();
            assertThat(rbd.imagesType()).isEqualTo("rbd");
        }
    }
}
