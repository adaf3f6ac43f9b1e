package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.Locker;
import dev.novalibvirt.rbd.Lockers;
import dev.novalibvirt.rbd.OpenRbdImage;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.Watcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watchers, managed exclusive-lock owners and advisory locks through our librbd binding, seen from a second
 * client the way fencing sees a guest on another host.
 */
@ExtendWith(LabExtension.class)
@Timeout(120)
class RbdLocksIT {

    final RbdLab lab;

    RbdLocksIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    static final long MIB = 1024 * 1024;

    @Test
    void aSecondClientSeesTheHolderAsWatcherAndExclusiveLockOwner() {
        String name = RbdLab.freshUuid() + "_disk";
        try (RbdDriver holder = lab.driver(); RbdDriver observer = lab.driver()) {
            holder.create("vms", name, 16 * MIB);
            try {
                assertThat(observer.watchers("vms", name)).isEmpty();
                assertThat(observer.lockOwners("vms", name)).isEmpty();
                try (OpenRbdImage img = holder.open("vms", name)) {
                    assertThat(img.watchers()).hasSize(1);
                    img.acquireExclusiveLock();
                    assertThat(img.isExclusiveLockOwner()).isTrue();

                    List<Watcher> watchers = observer.watchers("vms", name);
                    assertThat(watchers).hasSize(1);
                    assertThat(watchers.get(0).address()).matches("198\\.18\\.0\\.1:0/\\d+");
                    List<LockOwner> owners = observer.lockOwners("vms", name);
                    assertThat(owners).hasSize(1);
                    assertThat(owners.get(0).exclusive()).isTrue();
                    assertThat(owners.get(0).owner()).as("librbd names the owner by address").isEqualTo(watchers.get(0).address());

                    img.releaseLock();
                    assertThat(img.isExclusiveLockOwner()).isFalse();
                    assertThat(observer.lockOwners("vms", name)).isEmpty();
                }
                assertThat(observer.watchers("vms", name)).isEmpty();
            } finally {
                holder.destroyVolume("vms", name);
            }
        }
    }

    @Test
    void anAdvisoryLockOfAGoneClientIsListedAndBroken() throws Exception {
        String name = RbdLab.freshUuid() + "_disk";
        try (RbdDriver driver = lab.driver()) {
            driver.create("vms", name, 16 * MIB);
            try {
                assertThat(driver.lockers("vms", name)).isEqualTo(Lockers.none());
                // the rbd CLI takes the lock and exits: a holder that is gone, as after a host crash
                lab.cli("rbd", "lock", "add", "vms/" + name, "rbd-it-cookie");
                Lockers lockers = driver.lockers("vms", name);
                assertThat(lockers.exclusive()).isTrue();
                assertThat(lockers.lockers()).hasSize(1);
                Locker l = lockers.lockers().get(0);
                assertThat(l.cookie()).isEqualTo("rbd-it-cookie");
                assertThat(l.client()).startsWith("client.");
                assertThat(l.address()).startsWith("198.18.0.1:");

                driver.breakLock("vms", name, l.client(), l.cookie());
                assertThat(driver.lockers("vms", name).lockers()).isEmpty();
            } finally {
                driver.destroyVolume("vms", name);
            }
        }
    }
}
