package dev.novalibvirt.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabFaults;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.MonCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nova-libvirt evacuate} against the lab, in-process as {@link CliIT} runs the CLI: host-a's libvirtd is
 * killed -9 (its guest's QEMU keeps running and holding the RBD disk), so the CLI reads host-a's guest from its saved
 * definition ({@code --definitions}). Without {@code --fence} the evacuation is refused and nothing happens; with it,
 * host-a's IP is blocklisted and the guest rebuilt on host-b from the same disk ({@code --only} the test's guest).
 * Then host-a's libvirtd comes back and {@code evacuate --cleanup --unfence} destroys its stale copy (not the disk)
 * and lifts the fence. Each {@code --json} document is parsed; virsh, rbd and the blocklist say the same.
 *
 * <p>Takes the field tests' host-libvirtd lock (it kills a libvirtd) and fences host-a's whole IP meanwhile, so other
 * guests on host-a lose Ceph: run it alone on a shared lab, as {@code EvacuateIT}.
 */
@ExtendWith(LabExtension.class)
class CliEvacuateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOST_LIBVIRTD_LOCK = Path.of("/run/lock/nova-libvirt-lab-field-host-libvirtd.lock");

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private ContractLab lab;
    private LabFaults faults;
    private LibvirtDriver a;
    private RbdDriver admin;
    private Instance instance;
    private Path conf;
    private String aIp;
    private String bIp;
    private String keyring;
    private boolean killed;
    private boolean fenced;

    @BeforeEach
    void guestOnHostA(LabEnv env) throws IOException {
        FileChannel ch = FileChannel.open(HOST_LIBVIRTD_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock();
        closing.add(ch);
        closing.add(lock::release);
        lab = ContractLab.of(env);
        faults = new LabFaults(env);
        aIp = lab.hostValue("a", "IP");
        bIp = lab.hostValue("b", "IP");
        keyring = lab.get("CEPH_ADMIN_KEYRING");
        conf = CliIT.cellConf(lab, dir);
        admin = new RbdDriver(RbdConfig.builder(lab.cephConf(), "admin").keyring(Path.of(keyring))
                .pool(lab.get("POOL_VMS")).imagesPool(lab.get("POOL_IMAGES")).secretUuid(lab.get("RBD_SECRET_UUID"))
                .connectTimeout(Duration.ofSeconds(10))
                .opTimeout(Duration.ofSeconds(30)).build());
        a = lab.driver("a");
        instance = lab.newInstance("cli-evac");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("guest runs on host-a").isTrue();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (fenced) {
                run("unfence", aIp, "--admin-keyring", keyring);
            }
            if (killed) {
                faults.restartLibvirtd("a");
            }
            try (LibvirtDriver freshA = lab.driver("a"); LibvirtDriver b = lab.driver("b")) {
                GuestProbe.purge(instance, freshA, b);
            }
        } finally {
            if (a != null) {
                a.close();
            }
            if (admin != null) {
                admin.close();
            }
            for (int i = closing.size() - 1; i >= 0; i--) {
                closing.get(i).close();
            }
        }
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exitCode + ", stderr " + err + "): " + out, e);
            }
        }
    }

    private Run run(String... args) {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.addAll(List.of("--config-file", conf.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NovaLibvirtCli.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("CliEvacuateIT: nova-libvirt " + String.join(" ", args) + " -> " + code + "\n" + r.out()
                + r.err());
        return r;
    }

    private List<String> blocklist() {
        return new CephBlocklist(MonCommand.of(admin.monCommands())).list().stream().map(CephBlocklist.Entry::address)
                .toList();
    }

    @Test
    void aDeadHostsGuestIsRebuiltOnHostBOnlyAfterFencingAndTheHostIsCleanedUpWhenItIsBack() throws IOException {
        Path saved = Files.createDirectories(dir.resolve("saved"));
        try (Host host = Host.open(lab.hostValue("a", "URI"))) {
            Files.writeString(saved.resolve(instance.name() + ".xml"), host.guest(instance.name())
                    .xml(Guest.XML_INACTIVE));
        }
        String diskId = VirshLook.rootDiskId(lab, instance);
        String journal = dir.resolve("journal").toString();

        faults.killLibvirtd("a");
        killed = true;
        Run refused = run("evacuate", aIp, "--to", bIp, "--definitions", saved.toString(), "--only", instance.name(),
                "--admin-keyring", keyring, "--journal", journal, "--json");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.json().path("error").path("type").asText()).isEqualTo("ComputeServiceInUse");
        assertThat(VirshLook.domstate(lab, "b", instance.name())).as("nothing on host-b").isEmpty();
        assertThat(blocklist()).as("nothing fenced").doesNotContain(aIp + ":0/0");

        fenced = true; // from here on the clean-up unfences (harmless when nothing was added)
        Run evacuated = run("evacuate", aIp, "--to", bIp, "--fence", "--expire", "10m", "--definitions",
                saved.toString(), "--only", instance.name(), "--admin-keyring", keyring, "--journal", journal,
                "--json");
        assertThat(evacuated.exitCode()).as(evacuated.err()).isZero();
        JsonNode r = evacuated.json().path("result");
        assertThat(r.path("fence_entries")).extracting(JsonNode::asText).containsExactly(aIp + ":0/0");
        assertThat(r.path("guests")).singleElement().satisfies(g -> {
            assertThat(g.path("state").asText()).as(g.toString()).isEqualTo("REBUILT");
            assertThat(g.path("destination").asText()).isEqualTo(bIp);
        });
        // the truth, independently
        assertThat(VirshLook.domstate(lab, "b", instance.name())).as("virsh on host-b").contains("running");
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the same RBD disk, not a new clone").isEqualTo(diskId);
        assertThat(blocklist()).as("host-a's Ceph clients are blocklisted").contains(aIp + ":0/0");

        faults.restartLibvirtd("a");
        killed = false;
        Run cleanup = run("evacuate", aIp, "--cleanup", "--unfence", "--admin-keyring", keyring, "--journal", journal,
                "--json");
        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        JsonNode c = cleanup.json().path("result");
        assertThat(c.path("guests")).singleElement().satisfies(g -> assertThat(g.path("destroyed").asBoolean())
                .as(g.toString()).isTrue());
        assertThat(c.path("unfenced")).extracting(JsonNode::asText).contains(aIp + ":0/0");
        fenced = false;
        assertThat(VirshLook.domstate(lab, "a", instance.name())).as("no stale domain on host-a").isEmpty();
        assertThat(VirshLook.domstate(lab, "b", instance.name())).as("still running on host-b").contains("running");
        assertThat(VirshLook.rootDiskId(lab, instance)).as("the cleanup kept the shared disk").isEqualTo(diskId);
        assertThat(blocklist()).as("unfenced").doesNotContain(aIp + ":0/0");
    }
}
