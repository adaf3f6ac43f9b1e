package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.drain.DrainHandle;
import dev.novalibvirt.migration.drain.DrainResult;
import dev.novalibvirt.migration.drain.GuestResult;
import dev.novalibvirt.migration.drain.GuestState;
import dev.novalibvirt.migration.drain.HostDrain;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationOptions;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.StepReport;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host drained through its agents (issue 13, fleet operations): three guests live-migrated from host-a to host-b
 * by {@link HostDrain} over {@link RemoteComputeDriver}s, at most two leaving host-a at once. The drain reports one
 * result per guest; independently (virsh on both hosts, the instance dirs, rbd) every guest runs on host-b only,
 * with the same RBD disk, and host-a holds nothing of any of them. Skipped until lab.env names the lab's RabbitMQ.
 */
@ExtendWith(LabExtension.class)
class AgentDrainIT {
    private static final int GUESTS = 3;
    private static final int CAP = 2;

    @TempDir
    Path work;

    private ContractLab lab;
    private LabAgents agents;
    private AgentController controller;
    private LibvirtDriver probeA;
    private LibvirtDriver probeB;
    private final List<Instance> guests = new ArrayList<>();

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) {
        assumeThat(env.find("RABBIT_TRANSPORT_URL_FILE")).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)")
                .isPresent();
        lab = ContractLab.of(env);
        // Nova's per-source cap is the source compute's own option: host-a's agent runs two jobs at once too
        agents = LabAgents.start(lab, env, work, List.of("a", "b"),
                "[DEFAULT]\nmax_concurrent_live_migrations = " + CAP);
        controller = AgentController.connect(lab, env, "it-drain-controller");
        probeA = lab.driver("a");
        probeB = lab.driver("b");
    }

    @AfterEach
    void cleanUp() {
        if (agents == null) {
            return;
        }
        guests.forEach(g -> GuestProbe.purge(g, probeA, probeB));
        controller.close();
        agents.close();
        probeA.close();
        probeB.close();
    }

    @Test
    void threeGuestsLeaveHostAForHostBThroughTheAgentsTwoAtATime() {
        RemoteComputeDriver remoteA = controller.remote("a");
        RemoteComputeDriver remoteB = controller.remote("b");
        Map<String, String> diskIds = new LinkedHashMap<>();
        for (int i = 0; i < GUESTS; i++) {
            Instance g = lab.newInstance("agt-drain" + i);
            guests.add(g);
            remoteA.spawn(g, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
            assertThat(VirshLook.of(lab, "a", g).running()).as(g.name() + " spawned on host-a by its agent").isTrue();
            diskIds.put(g.uuid(), VirshLook.rootDiskId(lab, g));
        }
        // the test's own count of live_migration steps running at once, beside the drain's slots
        AtomicInteger jobs = new AtomicInteger();
        AtomicInteger peakJobs = new AtomicInteger();
        LiveMigrationListener counting = new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.LIVE_MIGRATION) {
                    peakJobs.accumulateAndGet(jobs.incrementAndGet(), Math::max);
                }
            }

            @Override
            public void stepFinished(StepReport report) {
                if (report.step() == Step.LIVE_MIGRATION) {
                    jobs.decrementAndGet();
                }
            }
        };
        HostDrain.Builder b = HostDrain.builder(remoteA).destination(remoteB).maxPerSource(CAP)
                .options(LiveMigrationOptions.defaults().withListener(counting));
        guests.forEach(g -> b.guest(g, NetworkInfo.none(), BlockDeviceInfo.none()));
        HostDrain drain = b.build();

        DrainHandle handle = drain.start();
        DrainResult result = handle.await(Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError(
                "the drain did not end within 3 minutes: " + handle.progress()));

        // The library's word: one result per guest, each completed on host-b, never more than two at once.
        assertThat(result.guests()).as("a result per guest").hasSize(GUESTS)
                .extracting(GuestResult::uuid).containsExactlyElementsOf(guests.stream().map(Instance::uuid).toList());
        assertThat(result.guests()).as("every guest: " + result.guests()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(GuestState.COMPLETED);
            assertThat(r.destination()).isEqualTo(remoteB.host());
        });
        assertThat(result.aborted()).isFalse();
        // three guests, two slots: the second starts while the first runs, the third waits for a slot
        assertThat(drain.slots().peakOutbound(remoteA.host())).as("migrations leaving host-a at once (slots)")
                .isEqualTo(CAP);
        assertThat(peakJobs.get()).as("live_migration steps at once (the test's count)").isBetween(1, CAP);
        assertThat(drain.slots().running()).as("every slot given back").isZero();
        assertThat(handle.progress().count(GuestState.COMPLETED)).as("the drain's progress at the end: "
                + handle.progress().counts()).isEqualTo(GUESTS);

        // The truth, independently: host-b runs every guest on its own RBD disk, host-a has nothing left.
        for (Instance g : guests) {
            VirshLook onA = VirshLook.of(lab, "a", g);
            VirshLook onB = VirshLook.of(lab, "b", g);
            assertThat(onB.running()).as(g.name() + " runs on host-b (virsh: " + onB + ")").isTrue();
            assertThat(onB.dir()).as(g.name() + " has its instance dir on host-b").isTrue();
            assertThat(onA.clean()).as(g.name() + " left nothing on host-a (virsh, dir: " + onA + ")").isTrue();
            assertThat(VirshLook.rootDiskId(lab, g)).as(g.name() + ": the same RBD disk").isEqualTo(diskIds.get(g.uuid()));
            assertThat(GuestProbe.serialGrows(probeB, g, Duration.ofSeconds(10))).as(g.name() + " alive on host-b")
                    .isTrue();
        }
        System.out.printf("drain of %d guests, cap %d, through agents: %d ms, peak outbound %d%n", GUESTS, CAP,
                result.total().toMillis(), drain.slots().peakOutbound(remoteA.host()));
    }
}
