package dev.novalibvirt.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's CLI ({@code cli} module) run in this JVM, as {@code java -jar} would run it, against the lab: a
 * guest spawned on host-a by the driver, host-a's nova.conf as an operator writes it ({@link ContractLab#novaConf};
 * the keyring found through the lab's ceph.conf, no lab.env in the CLI). Every command's {@code --json} output is
 * parsed. refresh-monitors rewrites only the test's own stale copy (--domain); fencing is tried on an address no lab host uses, so no other test's guest is touched.
 */
@ExtendWith(LabExtension.class)
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An address of the lab's bridge range that no lab host, monitor or added host uses. */
    private static final String UNUSED_IP = "198.18.0.251";
    /** A monitor that does not exist: the address a stale definition names. */
    private static final String OLD_MON = "198.18.0.250";

    @TempDir
    Path dir;

    private ContractLab lab;
    private LibvirtDriver a;
    private Instance instance;
    private Path novaConf;
    private String hostIp;
    private final List<String> undefine = new ArrayList<>();

    @BeforeEach
    void guestOnHostA(LabEnv env) throws IOException {
        lab = ContractLab.of(env);
        hostIp = lab.hostValue("a", "IP");
        novaConf = Files.writeString(dir.resolve("nova.conf"), lab.novaConf("a", lab.instancesPath("a"), null));
        a = lab.driver("a");
        instance = lab.newInstance("cli");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("guest runs on host-a").isTrue();
    }

    @AfterEach
    void cleanUp() {
        try (Host host = Host.open(lab.hostValue("a", "URI"))) {
            undefine.forEach(name -> host.findGuest(name).ifPresent(Guest::undefine));
        } finally {
            GuestProbe.purge(instance, a);
            a.close();
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

    private Run cli(String... args) {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.addAll(List.of("--config-file", novaConf.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NovaLibvirtCli.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("CliIT: nova-libvirt " + String.join(" ", args) + " -> " + code + "\n" + run.out() + run.err());
        return run;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.path(field).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }

    /** A persistent, never started copy of the guest's definition whose disk still names a monitor long gone. */
    private String defineStaleCopy() {
        String name = "cli-stale-" + UUID.randomUUID().toString().substring(0, 8);
        try (Host host = Host.open(lab.hostValue("a", "URI"))) {
            Domain d = DomainXml.parse(host.guest(instance.name()).xml(Guest.XML_INACTIVE));
            d.setName(name).setUuid(UUID.randomUUID().toString());
            undefine.add(name);
            host.define(name, DomainXml.write(Domains.withImageRbdHosts(d, List.of(new DiskHost(OLD_MON, "6789")))));
        }
        return name;
    }

    @Test
    void refreshMonitorsDryRunShowsTheStaleDiskThenTheRealRunRewritesIt() {
        String stale = defineStaleCopy();
        List<String> liveMons = Arrays.stream(lab.get("CEPH_MON_HOSTS").split(",")).map(h -> h.strip() + ":6789").toList();

        Run json = cli("refresh-monitors", hostIp, "--dry-run", "--json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = json.json();
        assertThat(doc.path("command").asText()).isEqualTo("refresh-monitors");
        JsonNode r = doc.path("result");
        assertThat(r.path("uri").asText()).as("HOST reached as a migration would").isEqualTo(lab.hostValue("a", "URI"));
        assertThat(r.path("dry_run").asBoolean()).isTrue();
        assertThat(r.path("monitors")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(liveMons);
        JsonNode spawned = find(r.path("domains"), "name", instance.name());
        assertThat(spawned.path("status").asText()).as("spawn wrote the live monmap").isEqualTo("UNCHANGED");
        JsonNode copy = find(r.path("domains"), "name", stale);
        assertThat(copy.path("status").asText()).isEqualTo("WOULD_REWRITE");
        JsonNode disk = copy.path("disks").get(0);
        assertThat(disk.path("target").asText()).isEqualTo("vda");
        assertThat(disk.path("image").asText()).isEqualTo(lab.get("POOL_VMS") + "/" + instance.uuid() + "_disk");
        assertThat(disk.path("before")).extracting(JsonNode::asText).containsExactly(OLD_MON + ":6789");
        assertThat(disk.path("after")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(liveMons);

        Run human = cli("refresh-monitors", hostIp, "--domain", stale, "--dry-run");
        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).contains(stale + " vda (", "  - " + OLD_MON + ":6789", "  + " + liveMons.get(0),
                "1 of 1 domains would be rewritten");

        try (Host host = Host.open(lab.hostValue("a", "URI"))) {
            assertThat(host.guest(stale).xml(Guest.XML_INACTIVE)).as("the dry run changed nothing").contains(OLD_MON);
        }

        // the real run, limited to the test's own copy (other sessions' guests on host-a are left alone)
        Run real = cli("refresh-monitors", hostIp, "--domain", stale, "--json");
        assertThat(real.exitCode()).as(real.err()).isZero();
        JsonNode rewritten = real.json().path("result").path("domains").get(0);
        assertThat(rewritten.path("status").asText()).isEqualTo("REWRITTEN");
        assertThat(rewritten.path("disks").get(0).path("before")).extracting(JsonNode::asText)
                .containsExactly(OLD_MON + ":6789");
        try (Host host = Host.open(lab.hostValue("a", "URI"))) {
            assertThat(host.guest(stale).xml(Guest.XML_INACTIVE)).doesNotContain(OLD_MON).contains(liveMons.get(0)
                    .substring(0, liveMons.get(0).indexOf(':')));
        }
        assertThat(cli("refresh-monitors", hostIp, "--domain", stale, "--dry-run", "--json").json().path("result")
                .path("domains").get(0).path("status").asText()).as("a second run has nothing to do").isEqualTo("UNCHANGED");
    }

    @Test
    void cacheCheckGivesTheRunningGuestsRbdDiskItsEffectiveCache() {
        Run run = cli("cache-check", hostIp, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().path("result");
        assertThat(r.path("qemu").asText()).startsWith("7.");
        assertThat(r.path("ceph_version_known").asBoolean()).as("ceph --version on this machine").isTrue();
        JsonNode disk = find(r.path("disks"), "domain", instance.name());
        assertThat(disk.path("state").asText()).isEqualTo("running");
        assertThat(disk.path("target").asText()).isEqualTo("vda");
        assertThat(disk.path("cache_mode").asText()).as("nova.conf disk_cachemodes network=writeback").isEqualTo("writeback");
        assertThat(disk.path("client").asText()).isEqualTo("client." + lab.get("CEPH_USER"));
        assertThat(disk.path("rbd_cache").asBoolean()).isTrue();
        assertThat(disk.path("reason").asText()).contains("cache=writeback sets rbd_cache=true");
        assertThat(disk.path("error").isNull()).isTrue();
    }

    @Test
    void diskHoldersNamesHostAsQemuAsTheWatcherOfTheRunningGuestsDisk() {
        String image = lab.get("POOL_VMS") + "/" + instance.uuid() + "_disk";

        Run run = cli("disk-holders", image, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().path("result");
        assertThat(r.path("image").asText()).isEqualTo(image);
        assertThat(r.path("in_use").asBoolean()).isTrue();
        assertThat(r.path("watchers")).isNotEmpty();
        assertThat(r.path("watchers")).anySatisfy(w -> {
            assertThat(w.path("address").asText()).startsWith(hostIp + ":");
            assertThat(w.path("fenced").asBoolean()).isFalse();
        });
        assertThat(cli("disk-holders", image).out()).startsWith(image + ": in use by " + hostIp + ":");

        Run missing = cli("disk-holders", lab.get("POOL_VMS") + "/cli-no-such-image", "--json");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.json().path("error").path("type").asText()).isEqualTo("DiskNotFound");
    }

    @Test
    void fenceAndUnfenceAnAddressNoHostUsesAsTheAdminIdentity() {
        String keyring = lab.get("CEPH_ADMIN_KEYRING");
        try {
            Run fence = cli("fence", UNUSED_IP, "--expire", "60s", "--admin-keyring", keyring, "--json");
            assertThat(fence.exitCode()).as(fence.err()).isZero();
            assertThat(fence.json().path("result").path("entries")).extracting(JsonNode::asText)
                    .containsExactly(UNUSED_IP + ":0/0");
        } finally {
            Run unfence = cli("unfence", UNUSED_IP, "--admin-keyring", keyring, "--json");
            assertThat(unfence.exitCode()).as(unfence.err()).isZero();
            assertThat(unfence.json().path("result").path("removed")).extracting(JsonNode::asText)
                    .contains(UNUSED_IP + ":0/0");
        }
        assertThat(cli("fence", UNUSED_IP, "--admin-keyring", dir.resolve("none.keyring").toString()).exitCode())
                .as("a missing admin keyring is a configuration error").isEqualTo(2);
    }
}
