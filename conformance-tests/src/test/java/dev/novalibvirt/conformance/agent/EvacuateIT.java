package dev.novalibvirt.conformance.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.ComputeServiceInUse;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.evacuate.EvacuatedHostCleanup;
import dev.novalibvirt.migration.evacuate.EvacuationJournal;
import dev.novalibvirt.migration.evacuate.EvacuationOutcome;
import dev.novalibvirt.migration.evacuate.EvacuationResult;
import dev.novalibvirt.migration.evacuate.EvacuationState;
import dev.novalibvirt.migration.evacuate.HostEvacuation;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.DiskInUse;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import dev.novalibvirt.rbdlibvirt.RbdEvacuationStorage;
import dev.novalibvirt.rpc.compute.RemoteComputeDriver;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evacuation of a dead host through the agents (issue 13, fleet operations), as Nova's rebuild-on-evacuate of an
 * RBD-backed instance on shared storage: host-a's libvirtd is killed -9 (its guest's QEMU keeps running and holds
 * the RBD disk, as on a host that only looks dead). A rebuild on host-b through its agent is refused by the agent's
 * own DiskGuard, and the library's {@link HostEvacuation} refuses the unfenced host ({@code ComputeServiceInUse});
 * told to fence, it blocklists host-a's IP ({@link RbdEvacuationStorage}), checks the disk with DiskGuard
 * ({@code EVACUATE}) and rebuilds the guest through host-b's agent, whose spawn reuses the existing RBD disk.
 * Checked with virsh, the filesystem, rbd and the blocklist: the guest runs on host-b on the same disk and host-a's
 * Ceph clients are blocklisted. Host-a then comes back: {@link EvacuatedHostCleanup#cleanupEvacuated} (Nova's
 * {@code _destroy_evacuated_instances}) destroys its stale domain without its disk and unfences it, and the guest
 * on host-b still runs.
 *
 * <p>Takes the field tests' host-libvirtd lock (it kills a libvirtd) and fences host-a's whole IP for the test's
 * duration, so other guests on host-a lose Ceph meanwhile: run it alone on a shared lab. Skipped until lab.env names RabbitMQ.
 */
@ExtendWith(LabExtension.class)
class EvacuateIT {
    /** The same lock file as the field tests' {@code FieldLab.exclusive("host-libvirtd")}. */
    private static final Path HOST_LIBVIRTD_LOCK = Path.of("/run/lock/nova-libvirt-lab-field-host-libvirtd.lock");
    private static final Duration FENCE_EXPIRY = Duration.ofMinutes(10);

    @TempDir
    Path work;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private ContractLab lab;
    private LabFaults faults;
    private LabAgents agents;
    private AgentController controller;
    private LibvirtDriver probeB;
    private RbdDriver admin;
    private Instance instance;
    private String aIp;
    private RbdEvacuationStorage storage;
    private EvacuationJournal journal;
    private String hostA;
    private boolean fenced;

    @BeforeEach
    void agentsOnBothHosts(LabEnv env) throws IOException {
        assumeThat(env.find("RABBIT_TRANSPORT_URL_FILE")).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)")
                .isPresent();
        FileChannel ch = FileChannel.open(HOST_LIBVIRTD_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock();
        closing.add(ch);
        closing.add(lock::release);
        lab = ContractLab.of(env);
        faults = new LabFaults(env);
        agents = LabAgents.start(lab, env, work, List.of("a", "b"));
        controller = AgentController.connect(lab, env, "it-evacuate-controller");
        probeB = lab.driver("b");
        // fencing is an operator's action: client.admin, as the field tests' FenceIT does
        admin = new RbdDriver(RbdConfig.builder(lab.cephConf(), "admin").keyring(Path.of(lab.get("CEPH_ADMIN_KEYRING")))
                .pool(lab.get("POOL_VMS")).imagesPool(lab.get("POOL_IMAGES")).secretUuid(lab.get("RBD_SECRET_UUID"))
                .connectTimeout(Duration.ofSeconds(10)).opTimeout(Duration.ofSeconds(30)).build());
        aIp = lab.hostValue("a", "IP");
        hostA = lab.hostValue("a", "NAME");
        storage = RbdEvacuationStorage.of(admin, lab.get("POOL_VMS"), Map.of(hostA, List.of(aIp))::get,
                FENCE_EXPIRY);
        journal = new EvacuationJournal(new FileMigrationJournal(work.resolve("evacuate-" + hostA + ".journal")),
                Clock.systemUTC());
        instance = lab.newInstance("agt-evac");
    }

    private DiskGuard guard() {
        return new DiskGuard(new RbdImageHolderProbe(admin), new CephBlocklist(MonCommand.of(admin.monCommands()))::list);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (agents == null) {
            closeAll();
            return;
        }
        try {
            if (fenced) {
                storage.unfence(hostA);
            }
            faults.restartLibvirtd("a");
            LibvirtDriver freshA = lab.driver("a");
            GuestProbe.purge(instance, freshA, probeB);
            freshA.close();
        } finally {
            controller.close();
            agents.close();
            probeB.close();
            admin.close();
            closeAll();
        }
    }

    private void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private HostEvacuation evacuation(RemoteComputeDriver destination, boolean fence) {
        return HostEvacuation.builder(hostA, storage).destination(destination)
                .guest(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none()).fence(fence)
                .journal(journal).build();
    }

    @Test
    void aDeadHostsGuestIsRebuiltOnHostBAfterFencingAndHostAIsBlocklisted() {
        RemoteComputeDriver remoteA = controller.remote("a");
        RemoteComputeDriver remoteB = controller.remote("b");
        remoteA.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(VirshLook.of(lab, "a", instance).running()).as("spawned on host-a by its agent").isTrue();
        String disk = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        String diskId = lab.rbdImageId(disk);
        List<DiskGuard.GuardedImage> images = List.of(new DiskGuard.GuardedImage(lab.get("POOL_VMS"), disk));

        // host-a "dies": its libvirtd is killed, its guest's QEMU keeps running and holding the disk
        faults.killLibvirtd("a");
        assertThatThrownBy(() -> guard().checkCanStart(instance.name(), StartPurpose.EVACUATE, images))
                .as("host-a's QEMU still holds the disk").isInstanceOf(DiskInUse.class)
                .hasMessageContaining(aIp + ":");
        assertThatThrownBy(() -> remoteB.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(),
                true)).as("a rebuild on host-b before fencing: host-b's agent refuses (its DiskGuard)")
                .hasMessageContaining("in use").hasMessageContaining(aIp + ":");
        assertThat(VirshLook.of(lab, "b", instance).clean()).as("the refused rebuild left nothing on host-b").isTrue();
        assertThat(lab.rbdImageId(disk)).as("the refused rebuild left the disk alone").isEqualTo(diskId);

        // the library's evacuation refuses a host that is not fenced, and changes nothing
        assertThat(remoteA.host()).as("the dead host's name, as its compute service reported it").isEqualTo(hostA);
        assertThatThrownBy(() -> evacuation(remoteB, false).run()).isInstanceOf(ComputeServiceInUse.class)
                .hasMessageContaining(hostA);
        assertThat(storage.isFenced(hostA)).as("nothing fenced by the refusal").isFalse();
        assertThat(VirshLook.of(lab, "b", instance).clean()).as("nothing on host-b after the refusal").isTrue();

        // told to fence: host-a is blocklisted, then the guest is rebuilt on host-b through its agent
        fenced = true; // from here on the clean-up unfences (harmless when nothing was added)
        EvacuationResult result = evacuation(remoteB, true).run();
        assertThat(result.fenceEntries()).containsExactly(aIp + ":0/0");
        assertThat(result.guests()).singleElement().satisfies(g -> {
            assertThat(g.state()).as(g.toString()).isEqualTo(EvacuationState.REBUILT);
            assertThat(g.destination()).isEqualTo(remoteB.host());
            // (the OSDs may have dropped host-a's watch already when the guard looks: then none are listed)
            assertThat(((EvacuationOutcome.Rebuilt) g.outcome()).fencedHolders()).as("the holders the fence covers")
                    .allSatisfy(a -> assertThat(a).startsWith(aIp + ":"));
        });
        assertThat(journal.evacuatedFrom(hostA)).as("journaled as done").hasSize(1);

        // The truth, independently.
        VirshLook onB = VirshLook.of(lab, "b", instance);
        assertThat(onB.running()).as("rebuilt and running on host-b (virsh: " + onB + ")").isTrue();
        assertThat(onB.dir()).as("its instance dir on host-b").isTrue();
        assertThat(lab.rbdImageId(disk)).as("the same RBD disk, not a new clone").isEqualTo(diskId);
        assertThat(GuestProbe.serialGrows(probeB, instance, Duration.ofSeconds(10))).as("alive on host-b").isTrue();
        assertThat(new CephBlocklist(MonCommand.of(admin.monCommands())).list())
                .as("host-a's Ceph clients are blocklisted").extracting(CephBlocklist.Entry::address)
                .contains(aIp + ":0/0");

        // host-a comes back: its stale copy goes without its (shared) disk, then it is unfenced
        faults.restartLibvirtd("a");
        EvacuatedHostCleanup.Report cleanup;
        try (LibvirtDriver freshA = lab.driver("a")) {
            cleanup = new EvacuatedHostCleanup(journal, storage).cleanupEvacuated(freshA, true);
        }
        assertThat(cleanup.guests()).singleElement().satisfies(g -> assertThat(g.destroyed()).isTrue());
        assertThat(VirshLook.domstate(lab, "a", instance.name())).as("no domain left on host-a").isEmpty();
        assertThat(cleanup.unfenceEntries()).as("unfenced").contains(aIp + ":0/0");
        fenced = false;
        assertThat(journal.evacuatedFrom(hostA)).as("the evacuation is completed").isEmpty();
        assertThat(lab.rbdImageId(disk)).as("host-a's cleanup kept the shared disk").isEqualTo(diskId);
        assertThat(GuestProbe.serialGrows(probeB, instance, Duration.ofSeconds(10))).as("still alive on host-b")
                .isTrue();
    }
}
