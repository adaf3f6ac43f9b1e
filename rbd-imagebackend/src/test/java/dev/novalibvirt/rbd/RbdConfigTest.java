package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.DiskCacheModes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RbdConfigTest {

    final Path conf = Path.of("/etc/ceph/ceph.conf");

    @Test
    void defaultsFollowNova() {
        RbdConfig c = RbdConfig.builder(conf, "nova").build();
        assertThat(c.pool()).isEqualTo("vms");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.destroyRetries()).isEqualTo(12);
        assertThat(c.destroyRetryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cacheMode()).isEqualTo("none");
    }

    @Test
    void networkCacheModeComesFromDiskCachemodes() {
        RbdConfig c = RbdConfig.builder(conf, "nova")
                .diskCacheModes(DiskCacheModes.parse("file=none,network=writeback")).build();
        assertThat(c.cacheMode()).isEqualTo("writeback");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> RbdConfig.builder(conf, "client.nova").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").pool("../vms").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").secretUuid("nope").build()).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").connectTimeout(Duration.ZERO).build())
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdConfig.builder(conf, "nova").discard("trim").build()).isInstanceOf(InvalidInput.class);
    }
}
