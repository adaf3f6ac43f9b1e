package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Size checks that happen before the cluster is touched (there is none here); the rest is RbdBadInputIT's. */
class RbdDiskTest {

    @Test
    void zeroMeansTheSourcesSizeSoABlankDiskNeedsOne() {
        try (RbdImageBackend rbd = RbdImageBackend.of(RbdConfig.builder(Path.of("/nonexistent/ceph.conf"), "nova")
                .build())) {
            RbdDisk disk = rbd.image(InstanceDisk.root("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b"));
            assertThatThrownBy(() -> disk.create(new ImageSource.Blank(), 0)).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("blank disk needs a size");
            assertThatThrownBy(() -> disk.create(new ImageSource.Blank(), -1)).isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> disk.create(new ImageSource.Location("rbd://f/images/i/snap", "raw"), -1))
                    .isInstanceOf(InvalidInput.class);
        }
    }
}
