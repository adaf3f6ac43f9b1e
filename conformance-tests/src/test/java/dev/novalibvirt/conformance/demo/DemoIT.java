package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.ScenarioCleanup;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./lab demo}'s main logic ({@link Demo#run}) against the lab, its output captured, checked without the
 * demo: after every hop virsh shows the busy guest running on the hop's destination and neither a domain nor an
 * instance dir of it on the source, and the destination's console.log, read here, shows the guest's heartbeat and
 * disk counter going on (each counting up by one, above what the previous host's log showed, every disk write read
 * back OK, no second boot); at the end virsh, the instance dirs and {@code rbd ls} show nothing of it.
 */
@ExtendWith(LabExtension.class)
class DemoIT {
    private static final Pattern HB = Pattern.compile("^hb=(\\d+) ", Pattern.MULTILINE);
    private static final Pattern IO = Pattern.compile("^io=(\\d+) (OK|ERR)", Pattern.MULTILINE);

    private LabEnv env;
    private ContractLab lab;
    private Instance guest;

    @BeforeEach
    void guest(LabEnv env) {
        this.env = env;
        lab = ContractLab.of(env);
        guest = lab.newInstance("demoit", DemoSettings.DEFAULT_MEMORY_MIB);
    }

    /** The demo removes its guest itself (the test checks that); this removes what a failed run left. */
    @AfterEach
    void removeWhateverIsLeft() throws InterruptedException {
        new ScenarioCleanup(lab, new LinkedHashSet<>(List.of(new ScenarioCleanup.Place("a", lab.instancesPath("a")),
                new ScenarioCleanup.Place("b", lab.instancesPath("b"))))).removeAndCheck(List.of(guest));
    }

    @Test
    void theBusyGuestGoesABABAndItsHeartbeatAndDiskCounterGoOnAcrossEveryHop() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        SerialWitness serial = new SerialWitness();
        List<String> destinations = new ArrayList<>();

        DemoResult result;
        try {
            result = new Demo(env, new DemoSettings(4, DemoSettings.DEFAULT_MEMORY_MIB, false, 120),
                    new PrintStream(captured, true, StandardCharsets.UTF_8)).run(guest, hop -> {
                        String where = "after hop " + hop.number() + " " + hop.route();
                        destinations.add(hop.to());
                        assertThat(VirshLook.of(lab, hop.to(), guest).running())
                                .as("%s: virsh domstate on host-%s says running", where, hop.to()).isTrue();
                        VirshLook source = VirshLook.of(lab, hop.from(), guest);
                        assertThat(source.defined()).as("%s: a domain left on host-%s", where, hop.from()).isFalse();
                        assertThat(source.dir()).as("%s: an instance dir left on host-%s", where, hop.from())
                                .isFalse();
                        serial.goesOnIn(consoleLog(hop.to()), where);
                    });
        } finally {
            // into failsafe's DemoIT-output.txt: the demo's output as the lab run printed it
            System.out.print(captured.toString(StandardCharsets.UTF_8));
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(result.ok()).as("the demo's verdict; its output:%n%s", output).isTrue();
        assertThat(destinations).containsExactly("b", "a", "b", "a");
        assertThat(result.hops()).allSatisfy(h -> assertThat(h.downtimeMs())
                .as("hop %d: libvirt's downtime of the completed job", h.number()).isPositive());
        assertThat(output).contains("hop 1/4: host-a -> host-b", "hop 2/4: host-b -> host-a",
                "hop 3/4: host-a -> host-b", "hop 4/4: host-b -> host-a", "  live  contract-demoit-", "4/4 hops OK",
                "cleaned up:", "demo done");
        assertThat(Pattern.compile("downtime \\d+ ms,").matcher(output).results()).as(output).hasSize(4);

        for (String letter : List.of("a", "b")) {
            VirshLook look = VirshLook.of(lab, letter, guest);
            assertThat(look.clean()).as("after the demo, host-%s: %s", letter, look).isTrue();
        }
        assertThat(vmsImages()).as("the guest's root disk after the demo")
                .doesNotContain(RbdImageBackend.rbdName(InstanceDisk.root(guest.uuid())));
    }

    private Path consoleLog(String letter) {
        return lab.instancesPath(letter).resolve(guest.uuid()).resolve("console.log");
    }

    private List<String> vmsImages() {
        ContractLab.Run r = ContractLab.run("rbd", "-c", lab.cephConf().toString(), "--id", lab.get("CEPH_USER"),
                "--keyring", lab.novaKeyring().toString(), "ls", lab.get("POOL_VMS"));
        assertThat(r.exitCode()).as("rbd ls: " + r.output()).isZero();
        return r.output().lines().map(String::strip).toList();
    }

    /** The busy guest's two counters as this test reads them from each destination's console.log, host by host. */
    private static final class SerialWitness {
        private long lastHeartbeat;
        private long lastDiskCounter;

        /** The counters in {@code consoleLog} count up by one from above where the previous host's stopped. */
        void goesOnIn(Path consoleLog, String where) {
            String text = completeLines(consoleLog);
            assertThat(text).as("%s: the guest booted again (%s)", where, consoleLog)
                    .doesNotContain("opened, counter on disk").doesNotContain("busyguest init");
            assertThat(text).as("%s: a disk write that did not read back", where).doesNotContainPattern("(?m)^io=\\d+ ERR");
            lastHeartbeat = countsOn(numbers(HB, text), lastHeartbeat, where + ": heartbeat in " + consoleLog);
            lastDiskCounter = countsOn(numbers(IO, text), lastDiskCounter, where + ": disk counter in " + consoleLog);
        }

        private static long countsOn(List<Long> values, long before, String what) {
            assertThat(values).as("%s: none", what).isNotEmpty();
            assertThat(values.get(0)).as("%s: the first goes on from %d", what, before).isGreaterThan(before);
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i)).as("%s: after %d", what, values.get(i - 1)).isEqualTo(values.get(i - 1) + 1);
            }
            return values.get(values.size() - 1);
        }

        /** The file up to its last newline: the guest may be mid-line. */
        private static String completeLines(Path file) {
            try {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                return text.substring(0, text.lastIndexOf('\n') + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }

        private static List<Long> numbers(Pattern p, String text) {
            List<Long> values = new ArrayList<>();
            Matcher m = p.matcher(text);
            while (m.find()) {
                values.add(Long.parseLong(m.group(1)));
            }
            return values;
        }
    }
}
