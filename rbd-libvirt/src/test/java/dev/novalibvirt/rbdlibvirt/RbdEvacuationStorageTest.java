package dev.novalibvirt.rbdlibvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.FenceException;
import dev.novalibvirt.rbd.fence.HostFencer;
import dev.novalibvirt.rbd.fence.ImageHolder;
import dev.novalibvirt.rbd.fence.MonCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The RBD side of an evacuation over a monitor that keeps a blocklist in memory: host-a (198.18.0.11) is fenced by
 * a whole-IP entry, its QEMU's watch on the guest's disk is then ignored, a live holder elsewhere is not.
 */
class RbdEvacuationStorageTest {
    final Instance guest = new Instance("6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f", "instance-00000001", 512, 1, 1, "img");
    final String disk = guest.uuid() + "_disk";
    final Set<String> blocklisted = new HashSet<>();
    final Map<String, List<ImageHolder>> holders = new HashMap<>();
    final Set<String> images = new HashSet<>(Set.of("vms/" + disk));
    final List<String> commands = new ArrayList<>();

    final MonCommand mon = command -> {
        commands.add(command.get("prefix") + " " + command.getOrDefault("blocklistop", ""));
        if ("osd blocklist ls".equals(command.get("prefix"))) {
            return blocklisted.stream().map(a -> "{\"addr\":\"" + a + "\",\"until\":\"2026-12-01T23:00:00\"}")
                    .collect(Collectors.joining(",", "[", "]"));
        }
        String addr = (String) command.get("addr");
        if ("add".equals(command.get("blocklistop"))) {
            blocklisted.add(addr);
        } else {
            blocklisted.remove(addr);
        }
        return "";
    };
    final CephBlocklist blocklist = new CephBlocklist(mon);
    final RbdEvacuationStorage storage = new RbdEvacuationStorage(new HostFencer(blocklist), blocklist,
            new DiskGuard((pool, image) -> holders.getOrDefault(pool + "/" + image, List.of()), blocklist::list),
            (pool, image) -> images.contains(pool + "/" + image), "vms",
            host -> host.equals("host-a") ? List.of("198.18.0.11") : List.of(), Duration.ofMinutes(10));

    @Test
    void aHostIsFencedOnlyByAWholeIpEntryAndFencingAddsOne() {
        blocklisted.add("198.18.0.11:6801/1234"); // one client of host-a: not the whole host
        assertThat(storage.isFenced("host-a")).isFalse();
        assertThat(storage.fence("host-a")).containsExactly("198.18.0.11:0/0");
        assertThat(storage.isFenced("host-a")).isTrue();
        assertThat(storage.unfence("host-a")).containsExactlyInAnyOrder("198.18.0.11:0/0", "198.18.0.11:6801/1234");
        assertThat(blocklisted).isEmpty();
    }

    @Test
    void theDeadHostsWatchDoesNotBlockTheRebuildOnceFencedButALiveHolderElsewhereDoes() {
        holders.put("vms/" + disk, List.of(new ImageHolder(ImageHolder.Kind.WATCHER, "198.18.0.11:0/2961538724",
                "client.4521")));
        assertThatThrownBy(() -> storage.checkCanRebuild(guest)).isInstanceOf(DiskInUse.class)
                .hasMessageContaining("198.18.0.11:0/2961538724");
        storage.fence("host-a");
        assertThat(storage.checkCanRebuild(guest)).as("the fenced watcher is ignored").singleElement()
                .satisfies(h -> assertThat(h).startsWith("198.18.0.11:0/2961538724"));

        holders.put("vms/" + disk, List.of(new ImageHolder(ImageHolder.Kind.LOCK_OWNER, "198.18.0.14:0/77", "")));
        assertThatThrownBy(() -> storage.checkCanRebuild(guest)).isInstanceOf(DiskInUse.class)
                .hasMessageContaining("198.18.0.14:0/77");
    }

    @Test
    void aMissingDiskIsRefusedAndAVolumeBackedGuestHasNoImageToCheck() {
        images.clear();
        assertThatThrownBy(() -> storage.checkCanRebuild(guest)).isInstanceOf(DiskNotFound.class)
                .hasMessageContaining("vms/" + disk);
        Instance volumeBacked = new Instance(guest.uuid(), guest.name(), 512, 1, 0, null);
        assertThat(storage.checkCanRebuild(volumeBacked)).isEmpty();
    }

    @Test
    void aHostWithoutAKnownAddressCannotBeFenced() {
        assertThatThrownBy(() -> storage.fence("host-x")).isInstanceOf(FenceException.class)
                .hasMessageContaining("host-x");
        assertThat(commands).isEmpty();
    }
}
