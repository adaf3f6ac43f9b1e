package dev.novalibvirt.conformance.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.novalibvirt.conformance.agent.LabAgents;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.examples.MigrateRbdGuest;
import dev.novalibvirt.examples.MigrateThroughAgents;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two programs, run as they are on host-a -> host-b: the embedding example (in-process drivers) and
 * the controller of the remote mode (through one agent per host). The embedding example: Its inputs are what an operator has: one
 * nova.conf per host ({@link ContractLab#novaConf}: own host name, instances_path, inbound address, VNC listen; the
 * same RBD options), the hosts' libvirt URIs and the base image's Glance location from lab.env. No keyring is given:
 * librados reads it from ceph.conf's {@code [client] keyring}, as at a real site. The outcome is checked with virsh,
 * rbd and the file system, not with the library.
 */
@ExtendWith(LabExtension.class)
@Timeout(300)
class ReadmeExampleIT {
    private final String uuid = UUID.randomUUID().toString();
    private final String name = "readme-" + uuid.substring(0, 8);
    private final String disk = uuid + "_disk";

    @Test
    void theReadmesProgramMigratesAnRbdGuestAndLeavesNothingBehind(LabEnv env, @TempDir Path dir) throws Exception {
        ContractLab lab = ContractLab.of(env);
        assertThat(keyringFromCephConf(lab)).as("the lab's ceph.conf names client.nova's keyring, as a site's would")
                .isEqualTo(Path.of(lab.get("CEPH_KEYRING")));
        Path confA = Files.writeString(dir.resolve("a.conf"), lab.novaConf("a", lab.instancesPath("a"), null));
        Path confB = Files.writeString(dir.resolve("b.conf"), lab.novaConf("b", lab.instancesPath("b"), null));
        String location = lab.baseImage().location();
        try {
            LiveMigrationResult result = MigrateRbdGuest.migrateOnce(confA, lab.hostValue("a", "URI"), confB,
                    lab.hostValue("b", "URI"), location, uuid, name, () -> {
                        // migrated, not yet cleaned up: on host-b alone, running, its disk and dir where they belong
                        assertThat(domains(lab, "a")).as("domains on host-a").doesNotContain(name);
                        assertThat(domains(lab, "b")).as("domains on host-b").contains(name);
                        assertThat(virsh(lab, "b", "domstate", name).strip()).isEqualTo("running");
                        assertThat(vmsImages(lab)).as("RBD images in vms").contains(disk);
                        assertThat(lab.instancesPath("a").resolve(uuid)).as("source instance dir").doesNotExist();
                        assertThat(lab.instancesPath("b").resolve(uuid)).as("destination instance dir").isDirectory();
                    });
            assertThat(result.completed()).as("steps " + result.steps()).isTrue();
            assertThat(domains(lab, "a")).as("domains on host-a after cleanup").doesNotContain(name);
            assertThat(domains(lab, "b")).as("domains on host-b after cleanup").doesNotContain(name);
            assertThat(vmsImages(lab)).as("RBD images in vms after cleanup").noneMatch(i -> i.startsWith(uuid));
            assertThat(lab.instancesPath("b").resolve(uuid)).as("destination instance dir after cleanup")
                    .doesNotExist();
        } finally {
            removeLeftovers(lab);
        }
    }

    /**
     * The README's controller program ({@code MigrateThroughAgents}) against one agent per lab host, each running in
     * its host's network and mount namespaces; the program is given the controller's nova.conf (transport_url only)
     * and the hosts' names, nothing of the hosts themselves.
     */
    @Test
    void theReadmesControllerProgramMigratesThroughTheAgents(LabEnv env, @TempDir Path dir) throws Exception {
        Optional<String> urlFile = env.find("RABBIT_TRANSPORT_URL_FILE");
        assumeThat(urlFile).as("the lab's RabbitMQ (lab.env RABBIT_TRANSPORT_URL_FILE)").isPresent();
        ContractLab lab = ContractLab.of(env);
        Path controllerConf = dir.resolve("controller.conf");
        Files.writeString(controllerConf, "[DEFAULT]\ntransport_url = "
                + Files.readString(Path.of(urlFile.get())).strip() + "\n");
        Files.setPosixFilePermissions(controllerConf, PosixFilePermissions.fromString("rw-------"));
        LabAgents agents = LabAgents.start(lab, env, dir, List.of("a", "b"));
        try {
            LiveMigrationResult result = MigrateThroughAgents.migrateOnce(controllerConf, lab.hostValue("a", "NAME"),
                    lab.hostValue("b", "NAME"), lab.baseImage().location(), dir.resolve("migrations.journal"), uuid,
                    name, () -> {
                        assertThat(domains(lab, "a")).as("domains on host-a").doesNotContain(name);
                        assertThat(domains(lab, "b")).as("domains on host-b").contains(name);
                        assertThat(virsh(lab, "b", "domstate", name).strip()).isEqualTo("running");
                        assertThat(vmsImages(lab)).as("RBD images in vms").contains(disk);
                        assertThat(lab.instancesPath("a").resolve(uuid)).as("source instance dir").doesNotExist();
                        assertThat(lab.instancesPath("b").resolve(uuid)).as("destination instance dir").isDirectory();
                    });
            assertThat(result.completed()).as("steps " + result.steps()).isTrue();
            assertThat(domains(lab, "b")).as("domains on host-b after cleanup").doesNotContain(name);
            assertThat(vmsImages(lab)).as("RBD images in vms after cleanup").noneMatch(i -> i.startsWith(uuid));
            assertThat(lab.instancesPath("b").resolve(uuid)).as("destination instance dir after cleanup")
                    .doesNotExist();
        } finally {
            agents.close();
            removeLeftovers(lab);
        }
    }

    /** ceph.conf's {@code keyring} for client.nova, with Ceph's {@code $cluster} and {@code $name} expanded. */
    private static Path keyringFromCephConf(ContractLab lab) {
        String user = "client." + lab.get("CEPH_USER");
        String keyring = CephConf.read(lab.cephConf()).lookup(user, "keyring").orElseThrow().value();
        return Path.of(keyring.replace("$cluster", "ceph").replace("$name", user));
    }

    private static List<String> domains(ContractLab lab, String host) {
        return virsh(lab, host, "list", "--all", "--name").lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
    }

    /** virsh against the host's libvirtd, as the driver reaches it; any failure fails the test. */
    private static String virsh(ContractLab lab, String host, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", lab.hostValue(host, "URI")));
        argv.addAll(List.of(args));
        ContractLab.Run r = ContractLab.run(argv.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.output()).isZero();
        return r.output();
    }

    private static List<String> vmsImages(ContractLab lab) {
        ContractLab.Run r = ContractLab.run("rbd", "-c", lab.cephConf().toString(), "--id", lab.get("CEPH_USER"),
                "--keyring", lab.novaKeyring().toString(), "ls", lab.get("POOL_VMS"));
        assertThat(r.exitCode()).as("rbd ls: " + r.output()).isZero();
        return r.output().lines().map(String::strip).toList();
    }

    /** Whatever the program left of this test's guest (nothing when it worked) goes, best effort. */
    private void removeLeftovers(ContractLab lab) {
        for (String host : List.of("a", "b")) {
            String uri = lab.hostValue(host, "URI");
            ContractLab.run("virsh", "-c", uri, "destroy", name);
            ContractLab.run("virsh", "-c", uri, "undefine", name);
            ContractLab.run("rm", "-rf", lab.instancesPath(host).resolve(uuid).toString());
        }
        ContractLab.run("rbd", "-c", lab.cephConf().toString(), "--id", lab.get("CEPH_USER"), "--keyring",
                lab.novaKeyring().toString(), "rm", lab.get("POOL_VMS") + "/" + disk);
    }
}
