package dev.novalibvirt.conformance.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.libvirt.jna.DomainState;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.libvirt.jna.MigrationControl;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.migration.monitor.ConvergenceDecision;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The migration monitor on the real lab: the busy guest (512 MiB, TCG) migrated host-a -> host-b through
 * libvirt with our monitor watching. Busy = re-dirtying 400 MiB as fast as it can against a stream capped at
 * 100 MiB/s, which plain pre-copy never finishes (research/busy-guest.md).
 */
@ExtendWith(LabExtension.class)
class MigrationMonitorIT {
    private static final long BANDWIDTH_MIB = 100;
    private static BusyGuestLab lab;
    private static Connect a;
    private static Connect b;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void openLab(Lab theLab) {
        LibvirtEventLoop.start(); // before our connections: events need it
        lab = BusyGuestLab.open(theLab.env());
        a = theLab.openConnect(theLab.hostA());
        b = theLab.openConnect(theLab.hostB());
    }

    @AfterAll
    static void closeLab() throws LibvirtException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @AfterEach
    void removeGuests() {
        created.forEach(lab::destroy);
    }

    private Domain startGuest(String name, String... knobs) throws LibvirtException {
        created.add(name);
        return lab.start(a, 'a', name, knobs);
    }

    @Test
    void anIdleGuestCompletesAndTheCompletionIsSeenFromLibvirtsJobCompletedEvent() throws Exception {
        String name = BusyGuestLab.name("idle");
        Domain d = startGuest(name, "dirty_mb=0");
        MonitoredMigration m = new MonitoredMigration(a, d, lab.uri('b'), 0, MonitorSettings.novaDefaults(),
                new MigrationFeatures(false, false), 512, Detection.EVENTS);

        MigrationOutcome outcome = m.run();

        assertThat(outcome).isInstanceOf(MigrationOutcome.Completed.class);
        assertThat(m.handle.effectiveDetection()).contains(Detection.EVENTS);
        assertThat(m.handle.completionEventAt()).as("libvirt's job-completed event").isPresent();
        // the outcome follows the event (order, not speed: how soon is ./lab bench detect's figure)
        assertThat(m.handle.outcomeAt().get()).as("outcome seen at or after libvirt's job-completed event")
                .isAfterOrEqualTo(m.handle.completionEventAt().get());
        MigrationEvent.Completed done = ((MigrationOutcome.Completed) outcome).event();
        assertThat(done.downtimeMs()).as("downtime from the job-completed event").isPositive();
        assertThat(done.dataBytes()).isPositive();
        assertThat(m.events.get(0)).isInstanceOf(MigrationEvent.Started.class);
        assertRunsOn(b, name);
        assertGoneFrom(a, name);
        assertThat(lab.waitForNewHeartbeat('b', name, Duration.ofSeconds(30))).as("alive on host-b").isPresent();
    }

    @Test
    void abortingABusyGuestMidMigrationLeavesItRunningOnTheSourceAndNothingOnTheDestination() throws Exception {
        String name = BusyGuestLab.name("abort");
        Domain d = startGuest(name, "dirty_mb=400");
        MonitoredMigration m = new MonitoredMigration(a, d, lab.uri('b'), BANDWIDTH_MIB, MonitorSettings.novaDefaults(),
                new MigrationFeatures(false, false), 512, Detection.EVENTS);
        CompletableFuture<MigrationOutcome> run = CompletableFuture.supplyAsync(m::run);
        waitForProgress(m, 2);

        assertThat(m.handle.abort()).isTrue(); // from another thread than the monitor's
        MigrationOutcome outcome = run.get();

        assertThat(outcome).isInstanceOf(MigrationOutcome.Cancelled.class);
        assertThat(outcome.novaStatus()).isEqualTo("cancelled");
        assertThat(m.events).last().isInstanceOf(MigrationEvent.Cancelled.class);
        assertRunsOn(a, name);
        assertGoneFrom(b, name);
        assertThat(lab.waitForNewHeartbeat('a', name, Duration.ofSeconds(30))).as("still alive on host-a").isPresent();
    }

    @Test
    void forceCompletingABusyGuestCompletesViaPostCopy() throws Exception {
        String name = BusyGuestLab.name("force");
        Domain d = startGuest(name, "dirty_mb=400");
        MonitoredMigration m = new MonitoredMigration(a, d, lab.uri('b'), BANDWIDTH_MIB,
                MonitorSettings.novaDefaults().withPermitPostCopy(true), new MigrationFeatures(true, false), 512,
                Detection.EVENTS);
        CompletableFuture<MigrationOutcome> run = CompletableFuture.supplyAsync(m::run);
        waitForProgress(m, 2);
        assertThat(MigrationControl.getMaxSpeed(d)).as("stream cap").isEqualTo(BANDWIDTH_MIB);

        assertThat(m.handle.forceComplete()).isTrue();
        MigrationOutcome outcome = run.get();

        assertThat(outcome).isInstanceOf(MigrationOutcome.Completed.class);
        assertThat(m.eventsOf(MigrationEvent.PostCopySwitched.class)).hasSize(1);
        assertThat(m.eventsOf(MigrationEvent.Paused.class)).isEmpty();
        MigrationEvent.Completed done = ((MigrationOutcome.Completed) outcome).event();
        assertThat(done.postCopy()).isTrue();
        assertThat(done.stats().memoryPostcopyRequests()).as("pages fetched on demand").isPositive();
        assertRunsOn(b, name);
        assertGoneFrom(a, name);
        assertThat(lab.waitForNewHeartbeat('b', name, Duration.ofSeconds(30))).as("alive on host-b").isPresent();
    }

    @Test
    void theConvergencePolicyCompletesABusyGuestThatPreCopyCannotMove() throws Exception {
        String name = BusyGuestLab.name("policy");
        Domain d = startGuest(name, "dirty_mb=400");
        MonitorSettings settings = MonitorSettings.novaDefaults().withPermitPostCopy(true).withConvergencePolicy(true);
        MonitoredMigration m = new MonitoredMigration(a, d, lab.uri('b'), BANDWIDTH_MIB, settings,
                new MigrationFeatures(true, false), 512, Detection.EVENTS);

        MigrationOutcome outcome = m.run(); // nobody intervenes

        assertThat(outcome).isInstanceOf(MigrationOutcome.Completed.class);
        List<MigrationEvent.PolicyDecision> decisions = m.eventsOf(MigrationEvent.PolicyDecision.class);
        assertThat(decisions).as("judged with figures").isNotEmpty();
        assertThat(decisions).last().extracting(pd -> pd.decision().action())
                .isEqualTo(ConvergenceDecision.Action.SWITCH_POST_COPY);
        MigrationEvent.Completed done = ((MigrationOutcome.Completed) outcome).event();
        assertThat(done.postCopy()).isTrue();
        assertRunsOn(b, name);
        assertThat(lab.waitForNewHeartbeat('b', name, Duration.ofSeconds(30))).as("alive on host-b").isPresent();
    }

    /** Waits until the job reports memory iteration {@code iteration} (or 60 s). */
    private static void waitForProgress(MonitoredMigration m, long iteration) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (m.handle.lastRunningStats().map(s -> s.memoryIteration() >= iteration).orElse(false)) {
                return;
            }
            BusyGuestLab.sleep(100);
        }
        throw new AssertionError("the migration did not reach iteration " + iteration + " in 60 s; events " + m.events);
    }

    private static void assertRunsOn(Connect c, String name) throws LibvirtException {
        Domain d = c.domainLookupByName(name);
        assertThat(MigrationControl.state(d).state()).isEqualTo(DomainState.State.RUNNING);
    }

    private static void assertGoneFrom(Connect c, String name) {
        assertThatThrownBy(() -> c.domainLookupByName(name)).isInstanceOf(LibvirtException.class)
                .hasMessageContaining("Domain not found");
    }
}
