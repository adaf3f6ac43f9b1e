package dev.novalibvirt.rbdlibvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.ImageHolder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbdStartGuardTest {
    @Test
    void theRbdDisksAreReadFromTheBackendsPathsAndFilesAreLeftAlone() {
        assertThat(RbdStartGuard.images(List.of("rbd:vms/u1_disk:id=nova:conf=/etc/ceph/ceph.conf",
                "/var/lib/nova/instances/u1/disk.config", "rbd:vms/u1_disk.swap")))
                .containsExactly(new DiskGuard.GuardedImage("vms", "u1_disk"),
                        new DiskGuard.GuardedImage("vms", "u1_disk.swap"));
    }

    @Test
    void aPathWithoutPoolOrImageStopsTheStartInsteadOfSlippingThrough() {
        assertThatThrownBy(() -> RbdStartGuard.images(List.of("rbd:vms")))
                .isInstanceOf(InternalError.class).hasMessageContaining("rbd:vms");
        assertThatThrownBy(() -> RbdStartGuard.images(List.of("rbd:vms/:id=nova")))
                .isInstanceOf(InternalError.class).hasMessageContaining("rbd:pool/image");
    }

    @Test
    void aSpawnFromAnImageAnotherLiveClientHoldsIsRefused() {
        List<String> asked = new ArrayList<>();
        RbdStartGuard guard = new RbdStartGuard(new DiskGuard((pool, image) -> {
            asked.add(pool + "/" + image);
            return List.of(new ImageHolder(ImageHolder.Kind.WATCHER, "10.0.0.11:0/1234", "client.4711"));
        }, List::of));
        assertThatThrownBy(() -> guard.checkCanStart("instance-1", List.of("rbd:vms/u1_disk:id=nova")))
                .isInstanceOf(DiskInUse.class).hasMessageContaining("vms/u1_disk");
        assertThat(asked).containsExactly("vms/u1_disk");
    }

    @Test
    void aGuestWithoutRbdDisksIsNotProbed() {
        RbdStartGuard guard = new RbdStartGuard(new DiskGuard((pool, image) -> {
            throw new AssertionError("probed " + pool + "/" + image);
        }, List::of));
        guard.checkCanStart("instance-1", List.of("/var/lib/nova/instances/u1/disk"));
    }
}
