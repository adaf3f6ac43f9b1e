package dev.novalibvirt.rbd.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvacuationFencingTest {
    private static final DiskGuard.GuardedImage DISK = new DiskGuard.GuardedImage("vms", "inst_disk");
    private final FakeMon mon = new FakeMon();
    private final CephBlocklist blocklist = new CephBlocklist(mon);

    private EvacuationFencing evacuation(List<ImageHolder> holders) {
        return new EvacuationFencing(new HostFencer(blocklist), new DiskGuard((p, i) -> holders, blocklist::list));
    }

    @Test
    void theDeadHostIsFencedAndItsHoldersNoLongerBlockTheRebuild() {
        ImageHolder deadQemu = new ImageHolder(ImageHolder.Kind.LOCK_OWNER, "198.18.0.13:0/42", "client.7");
        EvacuationFencing.Report r = evacuation(List.of(deadQemu)).prepare("inst", "198.18.0.13", List.of(DISK), Duration.ofMinutes(30));
        assertThat(r.blocklistEntry()).isEqualTo("198.18.0.13:0/0");
        assertThat(r.fencedHolders()).containsExactly(deadQemu);
        assertThat(mon.blocklist).containsEntry("198.18.0.13:0/0", 1800.0);
    }

    @Test
    void aHolderOnAnotherHostMeansThatHostOwnsTheGuest() {
        ImageHolder alive = new ImageHolder(ImageHolder.Kind.WATCHER, "198.18.0.12:0/9", "client.8");
        assertThatThrownBy(() -> evacuation(List.of(alive)).prepare("inst", "198.18.0.13", List.of(DISK), Duration.ofMinutes(30)))
                .isInstanceOf(DiskInUse.class).hasMessageContaining("198.18.0.12:0/9");
    }

    @Test
    void repairLiftsTheFence() {
        EvacuationFencing e = evacuation(List.of());
        e.prepare("inst", "198.18.0.13", List.of(DISK), Duration.ofMinutes(30));
        assertThat(e.repaired("198.18.0.13")).containsExactly("198.18.0.13:0/0");
        assertThat(mon.blocklist).isEmpty();
    }
}
