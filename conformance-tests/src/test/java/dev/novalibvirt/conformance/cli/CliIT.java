package dev.novalibvirt.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import dev.novalibvirt.conformance.agent.VirshLook;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 *
 * <p>{@code drain} and {@code migrate} run with the nova.conf a cell's computes share ({@link #cellConf}: no address
 * of host-a's own), the hosts named by their IPs (reached as {@code qemu+tcp://IP/system}); drain moves only the
 * test's own guests ({@code --only}), so other sessions' guests on host-a stay. {@code migrate} runs as an operator
 * runs it, {@code java -jar cli-VERSION-all.jar}, under {@code script} so that its stdout is a pseudo-terminal and
 * it draws its progress bar. Each test ends by purging its guests and checking nothing is left (virsh, the instance
 * dirs, rbd).
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
    /** The test's guests besides {@link #instance}, purged from both hosts afterwards. */
    private final List<Instance> extra = new ArrayList<>();

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
            try (LibvirtDriver b = lab.driver("b")) {
                GuestProbe.purge(instance, a, b);
                extra.forEach(g -> GuestProbe.purge(g, a, b));
            } finally {
                a.close();
            }
        }
    }

    /**
     * This host's nova.conf as the computes of a cell share it: without host-a's own addresses
     * ({@code live_migration_inbound_addr}, {@code [vnc] server_listen}), which the CLI refuses to carry over to
     * another host; the other hosts' configurations are derived from it.
     */
    private Path cellConf() throws IOException {
        return cellConf(lab, dir);
    }

    static Path cellConf(ContractLab lab, Path dir) throws IOException {
        String conf = lab.novaConf("a", lab.instancesPath("a"), null).lines()
                .filter(l -> !l.startsWith("live_migration_inbound_addr") && !l.startsWith("server_listen"))
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(dir.resolve("cell-nova.conf"), conf);
    }

    /** Purges {@code g} from both hosts and checks nothing of it is left: no domain, no instance dir, no disk. */
    private void purgeAndCheck(Instance g) {
        try (LibvirtDriver b = lab.driver("b")) {
            GuestProbe.purge(g, a, b);
        }
        assertThat(VirshLook.of(lab, "a", g).clean()).as("nothing of " + g.name() + " on host-a").isTrue();
        assertThat(VirshLook.of(lab, "b", g).clean()).as("nothing of " + g.name() + " on host-b").isTrue();
        assertThat(VirshLook.rootDiskId(lab, g)).as("its RBD disk removed").isNull();
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
        return cliWith(novaConf, args);
    }

    private Run cliWith(Path conf, String... args) {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.addAll(List.of("--config-file", conf.toString()));
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

    @Test
    void drainMovesTheTwoNamedGuestsFromHostAToHostBAndItsJsonSaysWhereEachIs() throws IOException {
        Instance second = lab.newInstance("cli-drain");
        extra.add(second);
        a.spawn(second, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        String bIp = lab.hostValue("b", "IP");
        List<Instance> guests = List.of(instance, second);
        List<String> disks = guests.stream().map(g -> VirshLook.rootDiskId(lab, g)).toList();

        Run run = cliWith(cellConf(), "drain", hostIp, "--to", bIp, "--only", instance.name() + "," + second.name(),
                "--max-per-source", "2", "--journal", dir.resolve("journal").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("drain");
        JsonNode r = doc.path("result");
        assertThat(r.path("source").asText()).isEqualTo(hostIp);
        assertThat(r.path("destinations")).extracting(JsonNode::asText).containsExactly(bIp);
        assertThat(r.path("caps").path("max_per_source").asInt()).isEqualTo(2);
        assertThat(r.path("guests")).as("only the two named guests").hasSize(2);
        for (int i = 0; i < guests.size(); i++) {
            Instance g = guests.get(i);
            JsonNode row = find(r.path("guests"), "instance", g.name());
            assertThat(row.path("state").asText()).as(row.toString()).isEqualTo("COMPLETED");
            assertThat(row.path("destination").asText()).isEqualTo(bIp);
            assertThat(row.path("host").asText()).isEqualTo(bIp);
            assertThat(row.path("migration_id").asText()).isNotBlank();
            // the truth, independently: virsh on both hosts, the same RBD disk
            assertThat(VirshLook.domstate(lab, "b", g.name())).as("virsh on host-b").contains("running");
            assertThat(VirshLook.domstate(lab, "a", g.name())).as("virsh on host-a").isEmpty();
            assertThat(VirshLook.rootDiskId(lab, g)).as("the same disk, not a copy").isEqualTo(disks.get(i));
        }
        assertThat(Path.of(r.path("journal").asText())).as("the drain's journal").isRegularFile();
        // the CLI's drivers share this nova.conf's instances_path (host-a's dir, on the lab's one filesystem): the
        // guest on host-b writes the console.log there
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("alive on host-b").isTrue();
        guests.forEach(this::purgeAndCheck);
    }

    @Test
    void migrateRunAsAJarOnAPseudoTerminalDrawsItsProgressBarAndEndsWithTheOutcome() throws Exception {
        String bIp = lab.hostValue("b", "IP");
        List<String> argv = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                cliJar().toString(), "migrate", instance.name(), "--from", hostIp, "--to", bIp, "--config-file",
                cellConf().toString(), "--journal", dir.resolve("journal").toString());
        Path capture = dir.resolve("pty.out");
        // script gives the jar a pseudo-terminal (System.console() is set: the bar is drawn); its own stdin stays an
        // open pipe until the end, so that it never sees EOF and stops before the command does
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", argv.stream().map(CliIT::shellQuote)
                .collect(Collectors.joining(" ")), "/dev/null").redirectErrorStream(true)
                .redirectOutput(capture.toFile());
        pb.environment().put("COLUMNS", "100");
        Process p = pb.start();
        boolean ended = p.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        p.getOutputStream().close();
        String tty = Files.readString(capture, StandardCharsets.UTF_8);
        System.out.println("CliIT: script -qfec 'java -jar ... migrate' -> " + (ended ? p.exitValue() : "timeout")
                + "\n" + tty);
        assertThat(ended).as("migrate ended within 150 s: " + tty).isTrue();
        assertThat(p.exitValue()).as("script -e passes the command's exit code: " + tty).isZero();

        List<String> pieces = Arrays.stream(tty.split("[\r\n]+")).map(String::stripTrailing)
                .filter(l -> !l.isBlank()).toList();
        Pattern bar = Pattern.compile("^" + Pattern.quote(instance.name()) + " \\[[#-]+] +(\\d+)% .*$");
        List<Integer> percents = pieces.stream().map(bar::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(percents).as("the bar's redraws in " + tty).isNotEmpty().isSorted();
        assertThat(percents.get(percents.size() - 1)).as("the last redraw").isEqualTo(100);
        assertThat(tty).as("each redraw starts over the line").contains("\r" + instance.name() + " [");
        assertThat(pieces.stream().filter(l -> bar.matcher(l).matches())).as("sized to $COLUMNS")
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(pieces).anySatisfy(l -> assertThat(l).startsWith("Migrated " + instance.name() + " ("
                + instance.uuid() + ") from " + hostIp + " to " + bIp + ": COMPLETED in "));
        assertThat(pieces).anySatisfy(l -> assertThat(l).matches("  downtime .*, .* transferred"));
        assertThat(VirshLook.domstate(lab, "b", instance.name())).as("virsh on host-b").contains("running");
        assertThat(VirshLook.domstate(lab, "a", instance.name())).as("virsh on host-a").isEmpty();
        purgeAndCheck(instance);
    }

    /** The runnable jar the cli module built ({@code cli/target/cli-VERSION-all.jar}), found from here upwards. */
    private static Path cliJar() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path target = d.resolve("cli").resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    Optional<Path> jar = s.filter(f -> f.getFileName().toString().matches("cli-.*-all\\.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                }
            }
        }
        throw new AssertionError("no cli/target/cli-*-all.jar above " + Path.of("").toAbsolutePath()
                + "; build it first (mvn -B -DskipLab=true -pl cli -am package)");
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
