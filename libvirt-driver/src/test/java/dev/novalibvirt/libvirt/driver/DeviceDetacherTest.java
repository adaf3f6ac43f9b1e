package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.DeviceDetachFailed;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Nova's {@code _detach_with_retry} cases (test_driver.py {@code test__detach_with_retry_*}) against an in-memory
 * guest whose definition and running domain are kept apart, with a clock that only the detacher's waits advance.
 */
class DeviceDetacherTest {
    private static final String UUID = "0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1";
    private static final String VOLUME = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String WITH_DISK = "<domain type='kvm'><name>instance-00000001</name><devices>"
            + "<disk type='network' device='disk'><driver name='qemu' type='raw' cache='none'/>"
            + "<source protocol='rbd' name='volumes/volume-" + VOLUME + "'><host name='198.51.100.7' port='3300'/>"
            + "</source><target dev='vdb' bus='virtio'/><serial>" + VOLUME + "</serial>"
            + "<alias name='ua-" + VOLUME + "'/></disk></devices></domain>";
    private static final String WITHOUT_DISK = "<domain type='kvm'><name>instance-00000001</name><devices>"
            + "</devices></domain>";
    private static final DetachSettings SETTINGS = new DetachSettings(3, Duration.ofSeconds(20),
            Duration.ofMillis(500));

    private final AtomicLong now = new AtomicLong();
    private final DeviceDetacher detacher = new DeviceDetacher(SETTINGS, now::get,
            d -> now.addAndGet(d.toNanos()));

    private static FakeGuest guest(PowerState state, boolean persistent, String live, String definition) {
        FakeGuest g = new FakeGuest("instance-00000001", live);
        g.inactiveXml = definition;
        g.state = state;
        g.persistent = persistent;
        return g;
    }

    private void detach(FakeGuest g) {
        detacher.detach(g, UUID, (guest, persistent) -> VolumeHotplug.guestDisk(guest, "vdb", VOLUME, persistent),
                "vdb");
    }

    private static boolean hasDisk(FakeGuest g, boolean persistent) {
        return VolumeHotplug.guestDisk(g, "vdb", VOLUME, persistent).isPresent();
    }

    @Test
    void test__detach_with_retry_persistent_success() {
        FakeGuest g = guest(PowerState.SHUTDOWN, true, WITHOUT_DISK, WITH_DISK);

        detach(g);

        assertThat(g.calls()).containsExactly("detachDevice persistent=true live=false");
        assertThat(hasDisk(g, true)).isFalse();
        assertThat(now.get()).as("no wait: the definition changes synchronously").isZero();
    }

    @Test
    void test__detach_with_retry_live_success() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            FakeGuest g = guest(state, false, WITH_DISK, WITHOUT_DISK);

            detach(g);

            assertThat(g.calls()).as(state.name()).containsExactly("detachDevice persistent=false live=true");
            assertThat(hasDisk(g, false)).isFalse();
        }
    }

    @Test
    void test__detach_with_retry_persistent_and_live_success() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            FakeGuest g = guest(state, true, WITH_DISK, WITH_DISK);

            detach(g);

            assertThat(g.calls()).as(state.name()).containsExactly("detachDevice persistent=true live=false",
                    "detachDevice persistent=false live=true");
            assertThat(hasDisk(g, true)).isFalse();
            assertThat(hasDisk(g, false)).isFalse();
            // the element sent is the disk as the domain holds it, alias included (libvirt matches on it)
            assertThat(g.detached.get(1)).contains("ua-" + VOLUME);
        }
    }

    @Test
    void test__detach_with_retry_persistent_but_guest_is_not() {
        FakeGuest g = guest(PowerState.SHUTDOWN, false, WITH_DISK, WITH_DISK);

        detach(g);

        assertThat(g.calls()).as("neither a definition nor a running domain to detach from").isEmpty();
    }

    @Test
    void test__detach_with_retry_persistent_dev_not_found() {
        FakeGuest g = guest(PowerState.SHUTDOWN, true, WITHOUT_DISK, WITHOUT_DISK);

        assertThatThrownBy(() -> detach(g)).isInstanceOf(DeviceNotFound.class).hasMessageContaining("vdb");
        assertThat(g.calls()).isEmpty();
    }

    @Test
    void test__detach_with_retry_live_dev_not_found() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            FakeGuest g = guest(state, false, WITHOUT_DISK, WITHOUT_DISK);

            assertThatThrownBy(() -> detach(g)).as(state.name()).isInstanceOf(DeviceNotFound.class);
            assertThat(g.calls()).isEmpty();
        }
    }

    @Test
    void test__detach_with_retry_timeout_retry_succeeds() {
        FakeGuest g = guest(PowerState.RUNNING, false, WITH_DISK, WITHOUT_DISK);
        g.liveDetachesIgnored = 1;

        detach(g);

        assertThat(g.calls()).containsExactly("detachDevice persistent=false live=true",
                "detachDevice persistent=false live=true");
        assertThat(hasDisk(g, false)).isFalse();
        assertThat(Duration.ofNanos(now.get())).as("one full device_detach_timeout waited, then gone at once")
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void test__detach_with_retry_timeout_run_out_of_retries() {
        FakeGuest g = guest(PowerState.RUNNING, false, WITH_DISK, WITHOUT_DISK);
        g.liveDetachesIgnored = Integer.MAX_VALUE;

        assertThatThrownBy(() -> detach(g)).isInstanceOf(DeviceDetachFailed.class)
                .hasMessageContaining("Device detach failed for vdb").hasMessageContaining("3 attempts");
        assertThat(g.calls()).hasSize(SETTINGS.attempts());
        assertThat(Duration.ofNanos(now.get())).as("bounded: attempts x timeout")
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void test__detach_with_retry_libvirt_reports_not_found_live_detach_done() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            FakeGuest g = guest(state, true, WITH_DISK, WITH_DISK);
            g.persistentDetachFailure = new DeviceNotFound("vdb");

            detach(g);

            assertThat(g.calls()).as(state.name()).containsExactly("detachDevice persistent=true live=false",
                    "detachDevice persistent=false live=true");
            assertThat(hasDisk(g, false)).isFalse();
        }
    }

    @Test
    void test__detach_with_retry_libvirt_reports_not_found_give_up() {
        FakeGuest g = guest(PowerState.SHUTDOWN, true, WITHOUT_DISK, WITH_DISK);
        g.persistentDetachFailure = new DeviceNotFound("vdb");

        assertThatThrownBy(() -> detach(g)).isInstanceOf(DeviceNotFound.class);
        assertThat(g.calls()).containsExactly("detachDevice persistent=true live=false");
    }

    @Test
    void test__detach_with_retry_libvirt_reports_domain_not_found() {
        FakeGuest g = guest(PowerState.SHUTDOWN, true, WITHOUT_DISK, WITH_DISK);
        g.detachFailure = new InstanceNotFound("instance-00000001");

        detach(g); // only logged: nothing is left to detach

        assertThat(g.calls()).containsExactly("detachDevice persistent=true live=false");
    }

    @Test
    void test__detach_with_retry_other_sync_libvirt_error() {
        for (PowerState state : new PowerState[] {PowerState.RUNNING, PowerState.PAUSED}) {
            FakeGuest g = guest(state, true, WITH_DISK, WITH_DISK);
            g.persistentDetachFailure = new InternalError("libvirt error on domain instance-00000001: oops");

            assertThatThrownBy(() -> detach(g)).as(state.name()).isInstanceOf(InternalError.class);
            assertThat(g.calls()).as("no live detach after another error").containsExactly(
                    "detachDevice persistent=true live=false");
        }
    }

    @Test
    void aRunningDomainsDiskWithoutAnAliasIsAnInternalErrorNotARetryLoop() {
        FakeGuest g = guest(PowerState.RUNNING, false, WITH_DISK.replace("<alias name='ua-" + VOLUME + "'/>", ""),
                WITHOUT_DISK);

        assertThatThrownBy(() -> detach(g)).isInstanceOf(InternalError.class).hasMessageContaining("no alias");
        assertThat(g.calls()).isEmpty();
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new DetachSettings(0, Duration.ofSeconds(20), Duration.ofMillis(500)))
                .hasMessageContaining("device_detach_attempts");
        assertThatThrownBy(() -> new DetachSettings(8, Duration.ZERO, Duration.ofMillis(500)))
                .hasMessageContaining("device_detach_timeout");
    }
}
