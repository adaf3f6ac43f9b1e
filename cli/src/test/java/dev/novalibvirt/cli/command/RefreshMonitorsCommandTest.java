package dev.novalibvirt.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.libvirt.monrefresh.DiskMonitorChange;
import dev.novalibvirt.libvirt.monrefresh.DomainRefreshReport;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator has moved the monitor from 198.18.0.1 to 198.18.0.2; the host's definitions still name the old one. */
class RefreshMonitorsCommandTest {
    @TempDir
    Path dir;
    Path novaConf;
    final FakeServices fake = new FakeServices();

    @BeforeEach
    void host() {
        novaConf = CliRun.novaConf(dir, "");
        String stale = CliRun.domainXml("stale", "writeback", "198.18.0.1:6789");
        fake.guests.add(new GuestDefinition("stale", "u-stale", true, true, stale, stale, null));
        String current = CliRun.domainXml("current", "writeback", "198.18.0.2:6789");
        fake.guests.add(new GuestDefinition("current", "u-current", true, false, current, null, null));
        fake.guests.add(new GuestDefinition("plain", "u-plain", true, false, CliRun.plainDomainXml("plain"), null, null));
        fake.guests.add(new GuestDefinition("transient", "u-trans", false, true, stale, stale, null));
    }

    @Test
    void dryRunShowsTheDiffPerDiskAndChangesNothing() {
        CliRun run = CliRun.of(fake, novaConf, "refresh-monitors", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.refreshedDomain).as("MonitorRefresher not called").isNull();
        assertThat(fake.openedReadOnly).as("a dry run opens libvirtd read-only").isTrue();
        assertThat(fake.openedUri).isEqualTo("qemu:///system");
        assertThat(run.out()).contains("Ceph monitors now: 198.18.0.2:6789", "dry run: nothing is changed",
                "stale vda (vms/stale_disk)\n  - 198.18.0.1:6789\n  + 198.18.0.2:6789\n",
                "1 of 4 domains would be rewritten");
        assertThat(run.out()).containsPattern("stale +u-stale +WOULD_REWRITE +1 +running guest would stay untouched")
                .containsPattern("current +u-current +UNCHANGED +0")
                .containsPattern("plain +u-plain +NO_RBD_DISKS")
                .containsPattern("transient +u-trans +TRANSIENT");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void dryRunJsonNamesEveryDomainAndEachStaleDiskBeforeAndAfter() {
        CliRun run = CliRun.of(fake, novaConf, "refresh-monitors", "--dry-run", "--json");

        JsonNode doc = run.json();
        assertThat(doc.path("command").asText()).isEqualTo("refresh-monitors");
        assertThat(doc.path("exit_code").asInt()).isZero();
        JsonNode r = doc.path("result");
        assertThat(r.path("host").asText()).isEqualTo("compute-1");
        assertThat(r.path("uri").asText()).isEqualTo("qemu:///system");
        assertThat(r.path("dry_run").asBoolean()).isTrue();
        assertThat(r.path("monitors").get(0).asText()).isEqualTo("198.18.0.2:6789");
        assertThat(r.path("domains")).hasSize(4);
        JsonNode stale = r.path("domains").get(0);
        assertThat(stale.path("name").asText()).isEqualTo("stale");
        assertThat(stale.path("uuid").asText()).isEqualTo("u-stale");
        assertThat(stale.path("status").asText()).isEqualTo("WOULD_REWRITE");
        JsonNode disk = stale.path("disks").get(0);
        assertThat(disk.path("target").asText()).isEqualTo("vda");
        assertThat(disk.path("image").asText()).isEqualTo("vms/stale_disk");
        assertThat(disk.path("before").get(0).asText()).isEqualTo("198.18.0.1:6789");
        assertThat(disk.path("after").get(0).asText()).isEqualTo("198.18.0.2:6789");
        assertThat(r.path("domains").get(1).path("status").asText()).isEqualTo("UNCHANGED");
        assertThat(r.path("domains").get(1).path("disks")).isEmpty();
        assertThat(r.path("domains").get(1).path("detail").asText()).isEmpty();
    }

    @Test
    void theRealRunIsMonitorRefreshersAndAFailedDomainFailsTheRun() {
        MonitorAddress old = new MonitorAddress("198.18.0.1", "6789");
        fake.refreshReports = List.of(
                new DomainRefreshReport("stale", "u-stale", DomainRefreshReport.Status.REWRITTEN,
                        List.of(new DiskMonitorChange("vda", "vms/stale_disk", List.of(old), fake.monitors)),
                        "running guest untouched; new monitors apply from its next boot"),
                new DomainRefreshReport("broken", "u-broken", DomainRefreshReport.Status.FAILED, List.of(),
                        "virDomainDefineXML failed"));

        CliRun run = CliRun.of(fake, novaConf, "refresh-monitors", "--domain", "stale", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(fake.openedReadOnly).isFalse();
        assertThat(fake.refreshedDomain).contains("stale");
        assertThat(fake.refreshedWith).isEqualTo(fake.monitors);
        JsonNode r = run.json().path("result");
        assertThat(run.json().path("exit_code").asInt()).isEqualTo(1);
        assertThat(r.path("dry_run").asBoolean()).isFalse();
        assertThat(r.path("domains").get(0).path("status").asText()).isEqualTo("REWRITTEN");
        assertThat(r.path("domains").get(0).path("disks").get(0).path("before").get(0).asText()).isEqualTo("198.18.0.1:6789");
        assertThat(r.path("domains").get(1).path("status").asText()).isEqualTo("FAILED");
        assertThat(r.path("domains").get(1).path("detail").asText()).isEqualTo("virDomainDefineXML failed");
    }

    @Test
    void aHostIsReachedAsAMigrationWouldReachItAndConnectWins() {
        CliRun.of(fake, novaConf, "refresh-monitors", "198.18.0.12", "--dry-run");
        assertThat(fake.openedUri).isEqualTo("qemu+tcp://198.18.0.12/system");

        CliRun.of(fake, novaConf, "refresh-monitors", "198.18.0.12", "--connect", "qemu+ssh://root@h/system", "--dry-run");
        assertThat(fake.openedUri).isEqualTo("qemu+ssh://root@h/system");
    }

    @Test
    void anUnknownDomainIsOneLineAndExitOne() {
        CliRun run = CliRun.of(fake, novaConf, "refresh-monitors", "--domain", "nope", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("nova-libvirt refresh-monitors: error: InstanceNotFound: ")
                .contains("nope").doesNotContain("\n").doesNotContain("\tat ");
        assertThat(fake.inventoryClosed).isTrue();
        assertThat(fake.cephClosed).isTrue();
    }

    @Test
    void aDomainThatCouldNotBeReadIsFailedInThePlan() {
        GuestDefinition gone = new GuestDefinition("gone", "u-gone", false, false, null, null, "Domain not found");

        RefreshMonitorsCommand.Domain d = RefreshMonitorsCommand.plan(gone, fake.monitors);

        assertThat(d.status()).isEqualTo("FAILED");
        assertThat(d.detail()).isEqualTo("Domain not found");
    }

    @Test
    void ipv6MonitorsPrintInBrackets() {
        assertThat(RefreshMonitorsCommand.hostPorts(List.of(new MonitorAddress("fd00::1", "6789"))))
                .containsExactly("[fd00::1]:6789");
    }
}
