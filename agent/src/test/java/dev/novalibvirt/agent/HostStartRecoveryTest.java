package dev.novalibvirt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted agent settles what its host alone can prove and names the rest for the controller's recover(); it
 * never removes a dir a migration may still need, nor anything but an interrupted removal's {@code _del} dir.
 */
class HostStartRecoveryTest {
    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");
    private static final Instance INCOMING = new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f",
            "instance-0000002a", 64, 1, 1, "img");

    @TempDir
    Path instances;
    @TempDir
    Path elsewhere;

    /** The host's libvirtd and filesystem as told; records any mend (there must be none). */
    private static final class ToldProbe implements HostProbe {
        final Map<String, HostView> views = new ConcurrentHashMap<>();
        final List<String> mends = new ArrayList<>();

        @Override
        public HostView view(Instance instance) {
            return views.getOrDefault(instance.uuid(),
                    HostView.of("host-b", DomainPresence.ABSENT, false, JobType.NONE, InstanceDir.ABSENT));
        }

        @Override
        public void resume(Instance instance) {
            mends.add("resume");
        }

        @Override
        public void persist(Instance instance) {
            mends.add("persist");
        }

        @Override
        public void powerOff(Instance instance) {
            mends.add("powerOff");
        }
    }

    private final ToldProbe probe = new ToldProbe();

    private IncomingLedger ledger() {
        return new IncomingLedger(instances, "host-b");
    }

    private HostStartRecovery.Summary restart() {
        return new HostStartRecovery("host-b", probe, ledger(), instances, Clock.fixed(NOW, ZoneOffset.UTC))
                .recover();
    }

    private void told(DomainPresence presence, JobType job, InstanceDir dir) {
        probe.views.put(INCOMING.uuid(), HostView.of("host-b", presence, true, job, dir));
    }

    @Test
    void aPreparedDirThatNoGuestReachedIsLeftForTheControllersRecover() throws Exception {
        Files.createDirectory(instances.resolve(INCOMING.uuid()));
        ledger().prepared(INCOMING, NOW.minus(Duration.ofHours(3)), true);
        told(DomainPresence.ABSENT, JobType.NONE, InstanceDir.PRESENT);

        assertThat(restart()).isEqualTo(new HostStartRecovery.Summary(0, 0, 1));
        assertThat(instances.resolve(INCOMING.uuid())).as("the source may still start the job").isDirectory();
        assertThat(ledger().entries()).as("named again at the next start").hasSize(1);
        assertThat(probe.mends).isEmpty();
    }

    @Test
    void aRecordWithNothingLeftOfItIsDropped() {
        ledger().prepared(INCOMING, NOW.minus(Duration.ofMinutes(5)), true);
        told(DomainPresence.ABSENT, JobType.NONE, InstanceDir.ABSENT);

        assertThat(restart()).isEqualTo(new HostStartRecovery.Summary(0, 1, 0));
        assertThat(ledger().entries()).isEmpty();
    }

    @Test
    void aGuestThatArrivedOrIsArrivingIsTheControllers() throws Exception {
        Files.createDirectory(instances.resolve(INCOMING.uuid()));
        ledger().prepared(INCOMING, NOW, true);
        told(DomainPresence.RUNNING, JobType.NONE, InstanceDir.PRESENT);
        assertThat(restart().leftToRecover()).isEqualTo(1);
        told(DomainPresence.PAUSED, JobType.UNBOUNDED, InstanceDir.PRESENT);
        assertThat(restart().leftToRecover()).isEqualTo(1);
        // a job on a domain that is not listed yet (libvirt defines the incoming one as the job begins)
        told(DomainPresence.ABSENT, JobType.UNBOUNDED, InstanceDir.PRESENT);
        assertThat(restart().leftToRecover()).isEqualTo(1);
        assertThat(ledger().entries()).hasSize(1);
        assertThat(instances.resolve(INCOMING.uuid())).isDirectory();
        assertThat(probe.mends).isEmpty();
    }

    @Test
    void aLibvirtdThatCannotBeAskedLeavesEverythingAsItIs() throws Exception {
        Files.createDirectory(instances.resolve(INCOMING.uuid()));
        ledger().prepared(INCOMING, NOW, true);
        probe.views.put(INCOMING.uuid(), HostView.unreachable("host-b", "Failed to connect socket"));

        assertThat(restart()).isEqualTo(new HostStartRecovery.Summary(0, 0, 1));
        assertThat(instances.resolve(INCOMING.uuid())).isDirectory();
        assertThat(ledger().entries()).hasSize(1);
    }

    @Test
    void anInterruptedRemovalIsFinishedOnceUntouchedForTheGuardAndNothingElseGoes() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("not-ours"), "keep");
        Path stale = Files.createDirectory(instances.resolve("0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1_del"));
        Files.writeString(stale.resolve("console.log"), "old");
        Files.createSymbolicLink(stale.resolve("link"), outside);
        Files.setLastModifiedTime(stale, FileTime.from(NOW.minus(Duration.ofMinutes(11))));
        Path fresh = Files.createDirectory(instances.resolve("11111111-2222-4333-8444-555555555555_del"));
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofMinutes(1))));
        Path live = Files.createDirectory(instances.resolve("22222222-2222-4333-8444-555555555555"));
        Path foreign = Files.createDirectory(instances.resolve("backup_del"));
        Files.setLastModifiedTime(foreign, FileTime.from(NOW.minus(Duration.ofDays(1))));

        assertThat(restart().delDirsRemoved()).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(outside).as("a link inside is removed, not what it points to").hasContent("keep");
        assertThat(fresh).as("perhaps a removal under way").isDirectory();
        assertThat(live).as("an instance dir").isDirectory();
        assertThat(foreign).as("not an instance's _del dir").isDirectory();
    }
}
