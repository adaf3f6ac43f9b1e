package dev.novalibvirt.rbd.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskGuardTest {
    private static final DiskGuard.GuardedImage DISK = new DiskGuard.GuardedImage("vms", "inst_disk");
    private static final ImageHolder HOST_A_WATCH = new ImageHolder(ImageHolder.Kind.WATCHER, "198.18.0.11:0/2961538724", "client.4521");
    private static final ImageHolder HOST_A_LOCK = new ImageHolder(ImageHolder.Kind.LOCK_OWNER, "198.18.0.11:0/2961538724", "");

    private final FakeMon mon = new FakeMon();
    private final CephBlocklist blocklist = new CephBlocklist(mon);

    private DiskGuard guard(Map<String, List<ImageHolder>> holders) {
        return new DiskGuard((pool, image) -> holders.getOrDefault(pool + "/" + image, List.of()), blocklist::list);
    }

    @Test
    void startingAnImageThatAnotherHostHasOpenIsRefusedNamingItsAddress() {
        DiskGuard guard = guard(Map.of("vms/inst_disk", List.of(HOST_A_WATCH, HOST_A_LOCK)));
        assertThatThrownBy(() -> guard.checkCanStart("inst", StartPurpose.START, List.of(DISK)))
                .isInstanceOfSatisfying(DiskInUse.class, e -> {
                    assertThat(e.image()).isEqualTo("vms/inst_disk");
                    assertThat(e.holderAddresses()).containsExactly("198.18.0.11:0/2961538724");
                    assertThat(e.getMessage()).contains("198.18.0.11:0/2961538724 (watcher, client.4521)")
                            .contains("exclusive-lock owner");
                });
    }

    @Test
    void aFreeImageStarts() {
        assertThat(guard(Map.of()).checkCanStart("inst", StartPurpose.SPAWN, List.of(DISK)).checked()).isTrue();
    }

    @Test
    void theLiveMigrationDestinationIsNotChecked() {
        DiskGuard guard = guard(Map.of("vms/inst_disk", List.of(HOST_A_WATCH)));
        assertThat(guard.checkCanStart("inst", StartPurpose.LIVE_MIGRATION_DESTINATION, List.of(DISK)).checked()).isFalse();
    }

    @Test
    void evacuationProceedsOnceTheDeadHostIsFenced() {
        DiskGuard guard = guard(Map.of("vms/inst_disk", List.of(HOST_A_WATCH, HOST_A_LOCK)));
        assertThatThrownBy(() -> guard.checkCanStart("inst", StartPurpose.EVACUATE, List.of(DISK))).isInstanceOf(DiskInUse.class);

        new HostFencer(blocklist).fenceHost("198.18.0.11", Duration.ofHours(1));

        DiskGuard.Verdict v = guard.checkCanStart("inst", StartPurpose.EVACUATE, List.of(DISK));
        assertThat(v.fencedHolders()).containsExactly(HOST_A_WATCH, HOST_A_LOCK);
    }

    @Test
    void fencingAnotherHostDoesNotUnblockTheImage() {
        DiskGuard guard = guard(Map.of("vms/inst_disk", List.of(HOST_A_WATCH)));
        new HostFencer(blocklist).fenceHost("198.18.0.13", Duration.ofHours(1));
        assertThatThrownBy(() -> guard.checkCanStart("inst", StartPurpose.EVACUATE, List.of(DISK))).isInstanceOf(DiskInUse.class);
    }
}
