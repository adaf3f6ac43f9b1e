package dev.novalibvirt.conformance.field;

import dev.novalibvirt.conformance.migration.ContractLab;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.libvirt.monrefresh.MonitorRefresher;
import dev.novalibvirt.migration.xml.GuestXmlUpdater;
import dev.novalibvirt.migration.xml.MigrationXmlContext;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;

/**
 * Ceph monitors move while guests run. A Linux guest writing a counter to its RBD disk every second survives
 * {@code ./lab mon-move}; refreshMonitors rewrites its persistent definition; a cold boot uses the new monitors;
 * a live migration afterwards carries only current monitors; and the monitor moves back.
 *
 * <p>Moves the SHARED lab's monitor (other sessions' new Ceph clients follow ceph.conf, running ones the monmap);
 * it always moves it back. Runs by default; {@code -Dfield.monMove=false} is the explicit opt-out (e.g. while other
 * sessions share the lab).
 */
class MonMoveIT {
    private static final Pattern IO_OK = Pattern.compile("(?m)^io=(\\d+) OK");

    private static String script(String name) {
        Path p = Path.of("lab/cmd", name);
        return (Files.exists(p) ? p : Path.of("conformance-tests/lab/cmd", name)).toString();
    }

    private static ContractLab.Run monMove(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "bash";
        argv[1] = script("mon-move.sh");
        System.arraycopy(args, 0, argv, 2, args.length);
        ContractLab.Run r = ContractLab.run(Duration.ofMinutes(4), argv);
        System.out.println("mon-move " + String.join(" ", args) + " -> " + r.exitCode() + "\n" + r.output());
        return r;
    }

    private static long lastOk(Path serial) {
        try {
            Matcher m = IO_OK.matcher(Files.exists(serial) ? Files.readString(serial) : "");
            long last = -1;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            return last;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Waits until the guest reports a successful write+read-back newer than {@code after}. */
    private static long awaitWriteAfter(Path serial, long after, Duration within) {
        FieldLab.await(within, () -> lastOk(serial) > after);
        return lastOk(serial);
    }

    private static String hostsOf(String xml) {
        return String.join(",", Pattern.compile("<host name=['\"]([^'\"]+)['\"] port=['\"](\\d+)['\"]").matcher(xml)
                .results().map(r -> r.group(1) + ":" + r.group(2)).toList());
    }

    private static String keys(List<MonitorAddress> mons) {
        return String.join(",", mons.stream().map(m -> m.host() + ":" + m.port()).toList());
    }

    @Test
    void guestDoingDiskIoSurvivesMonitorMoveThenRefreshColdBootAndMigrationUseTheNewMonitors() throws Exception {
        // Explicit opt-out only: a lab shared by several sessions at once may not want its monitor moved.
        Assumptions.assumeFalse("false".equals(System.getProperty("field.monMove")),
                "MonMoveIT opted out with -Dfield.monMove=false");
        AutoCloseable mon = FieldLab.exclusive("mon-move");
        try {
            moveAndBack();
        } finally {
            mon.close();
        }
    }

    private void moveAndBack() throws Exception {
        try (FieldLab lab = FieldLab.load()) {
            List<MonitorAddress> home = lab.monitors();
            String name = FieldLab.name("monmove");
            String image = lab.newDisk(name);
            lab.forgetDomainAtClose(name);
            ContractLab.Run build = ContractLab.run(Duration.ofMinutes(5), "bash", script("busy-guest.sh"), "build");
            assertThat(build.exitCode()).as(build.output()).isZero();
            ContractLab.Run xml = ContractLab.run(Duration.ofSeconds(30), "bash", script("busy-guest.sh"), "xml", name,
                    "mem_mb=256", "io=1", "disk=" + lab.get("POOL_VMS") + "/" + image);
            assertThat(xml.exitCode()).as(xml.output()).isZero();
            Connect a = lab.connect("a");
            Connect b = lab.connect("b");
            Domain dom = a.domainDefineXML(xml.output());
            dom.create();
            Path serialA = lab.serialLog("a", name);
            long beforeMove = awaitWriteAfter(serialA, -1, Duration.ofSeconds(90));
            assertThat(beforeMove).as("the guest writes and reads back its RBD disk on host-a").isGreaterThanOrEqualTo(0);
            assertThat(hostsOf(dom.getXMLDesc(2))).isEqualTo(keys(home));

            try {
                ContractLab.Run move = monMove("to", "198.18.0.2");
                assertThat(move.exitCode()).as(move.output()).isZero();
                List<MonitorAddress> now = lab.monitors();
                assertThat(keys(now)).isEqualTo("198.18.0.2:6789");

                // the running guest follows the monmap: serial grows and writes after the move read back
                long afterMove = awaitWriteAfter(serialA, beforeMove + 3, Duration.ofSeconds(30));
                assertThat(afterMove).as("writes after the move succeed").isGreaterThan(beforeMove + 3);
                assertThat(Files.readString(serialA)).doesNotContain(" ERR ");
                assertThat(hostsOf(dom.getXMLDesc(2))).as("the definition still names the old monitor").isEqualTo(keys(home));

                // refreshMonitors rewrites the persistent definition without restarting the guest (per domain: the
                // other sessions' guests on the shared hosts are not ours to redefine)
                DomainRefreshReport report = new MonitorRefresher(lab::monitors).refreshDomain(a, dom);
                System.out.println("refreshMonitors(" + name + "): " + report);
                assertThat(report.status()).isEqualTo(DomainRefreshReport.Status.REWRITTEN);
                assertThat(report.changes()).singleElement().satisfies(ch -> assertThat(ch.after()).isEqualTo(now));
                assertThat(hostsOf(dom.getXMLDesc(2))).isEqualTo("198.18.0.2:6789");
                assertThat(dom.isActive()).isEqualTo(1);
                assertThat(awaitWriteAfter(serialA, afterMove, Duration.ofSeconds(20))).isGreaterThan(afterMove);

                // a cold boot uses the new monitors
                dom.destroy();
                long beforeBoot = lastOk(serialA);
                dom.create();
                assertThat(hostsOf(dom.getXMLDesc(0))).isEqualTo("198.18.0.2:6789");
                long afterBoot = awaitWriteAfter(serialA, beforeBoot, Duration.ofSeconds(90));
                assertThat(afterBoot).as("booted again and writes its RBD disk").isGreaterThan(beforeBoot);

                // a live migration carries only the current monitors to host-b
                String destXml = DomainXml.write(GuestXmlUpdater.update(dom.getXMLDesc(8 | 1),
                        MigrationXmlContext.builder().rbdMonitors(lab.monitors()).build()));
                TypedParameter[] params = {new TypedStringParameter("migrate_uri", "tcp://" + lab.host("b", "IP")),
                        new TypedStringParameter("destination_xml", destXml),
                        new TypedStringParameter("persistent_xml", destXml)};
                dom.migrateToURI(lab.host("b", "URI"), params, 1 | 2 | 8 | 16);
                Domain onB = b.domainLookupByName(name);
                assertThat(hostsOf(onB.getXMLDesc(0))).isEqualTo("198.18.0.2:6789");
                assertThat(hostsOf(onB.getXMLDesc(2))).isEqualTo("198.18.0.2:6789");
                Path serialB = lab.serialLog("b", name);
                assertThat(awaitWriteAfter(serialB, -1, Duration.ofSeconds(30))).as("writes continue on host-b").isGreaterThan(afterBoot);
            } finally {
                // always, even after a half-done move ('back' is a no-op when the monitor is home)
                ContractLab.Run back = monMove("back");
                assertThat(back.exitCode()).as(back.output()).isZero();
            }
            // moving back works: the monmap is home again, and the guest keeps writing through it
            assertThat(keys(lab.monitors())).isEqualTo(keys(home));
            Path serialB = lab.serialLog("b", name);
            long last = lastOk(serialB);
            assertThat(awaitWriteAfter(serialB, last + 2, Duration.ofSeconds(30))).isGreaterThan(last + 2);
            DomainRefreshReport back = new MonitorRefresher(lab::monitors).refreshDomain(b, b.domainLookupByName(name));
            System.out.println("refreshMonitors after moving back: " + back);
            assertThat(back.status()).isEqualTo(DomainRefreshReport.Status.REWRITTEN);
            assertThat(hostsOf(b.domainLookupByName(name).getXMLDesc(2))).isEqualTo(keys(home));
        }
    }
}
