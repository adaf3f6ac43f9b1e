package dev.novalibvirt.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.cli.conformance.CheckResult.Status;
import dev.novalibvirt.cli.conformance.ConformanceSite.SecretState;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.exception.InternalError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks in order against a fake site: every verdict, what is skipped after a failure, the cleanup. */
class ConformanceRunnerTest {
    static final UUID GUEST = UUID.fromString("6f1c9a52-0d7e-4c1b-9f5e-2a8b3c4d5e6f");

    @TempDir
    Path dir;

    SiteConfig config;
    final FakeSite site = new FakeSite();
    /** Each reading of the clock is a second later. */
    final Clock ticking = new Clock() {
        private Instant now = Instant.parse("2026-12-01T21:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    };

    @BeforeEach
    void aSite() {
        config = SiteConfigReader.read(SiteConfigs.write(dir));
    }

    private ConformanceResult run() {
        return new ConformanceRunner(ticking, () -> GUEST).run(config, site, ConformanceSuite.checks(config));
    }

    private static CheckResult row(ConformanceResult r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + r.checks().stream().map(CheckResult::id).toList()));
    }

    @Test
    void aConformingSitePassesEveryCheckInTheContractsOrder() {
        ConformanceResult r = run();

        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.detail()).isEqualTo(Status.PASSED));
        assertThat(r.checks()).extracting(CheckResult::id).startsWith("libvirt_reachable[host-a]",
                "libvirt_reachable[host-b]", "ceph_cluster", "base_image", "cephx_secret[host-a]", "cephx_secret[host-b]",
                "spawn", "monitors_in_definition", "cache_mode_librbd_cache",
                "hop1._check_compatible_with_source_hypervisor", "hop1.check_can_live_migrate_destination",
                "hop1.check_can_live_migrate_source", "hop1.cleanup_live_migration_destination_check",
                "hop1.pre_live_migration", "hop1.live_migration", "hop1.post_live_migration",
                "hop1.post_live_migration_at_source", "hop1.cleanup", "hop1.post_live_migration_at_destination",
                "hop1.guest_on_host-b").endsWith("hop2.guest_on_host-a", "destroy", "nothing_left",
                "base_image_untouched");
        assertThat(r.checks()).hasSize(2 + 2 + 2 + 3 + 2 * 11 + 3);
        assertThat(site.calls).containsExactly("spawn conformance-6f1c9a52 on host-a",
                "migrate conformance-6f1c9a52 host-a -> host-b", "migrate conformance-6f1c9a52 host-b -> host-a",
                "destroy conformance-6f1c9a52 on host-a");
        assertThat(r.guestName()).isEqualTo("conformance-6f1c9a52");
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::libvirt).containsExactly("9.0.0", "9.0.0");
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::qemu).containsExactly("7.2.0", "7.2.0");
        assertThat(r.cephCluster()).startsWith("17.2.7");
        assertThat(r.cephClient()).isEqualTo("17.2.0");
        assertThat(row(r, "hop1.live_migration").duration()).as("the step's own time").isEqualTo(Duration.ofMillis(2100));
        assertThat(row(r, "spawn").duration()).as("a check's time, by the clock").isEqualTo(Duration.ofSeconds(1));
        assertThat(row(r, "hop1.check_can_live_migrate_destination").proves())
                .isEqualTo("check_can_live_migrate_destination on host-b (destination of host-a -> host-b)");
        assertThat(row(r, "cache_mode_librbd_cache").detail())
                .startsWith("vda cache=writeback -> rbd_cache=true rbd_cache_writethrough_until_flush=true");
        assertThat(row(r, "monitors_in_definition").detail()).contains("[198.18.0.1, 198.18.0.2]");
        assertThat(site.closed).as("the command closes the site, not the runner").isFalse();
    }

    @Test
    void theDestinationsSecretHoldingAnotherKeyFailsItsCheckAndTheMigrationsPreCheck() {
        site.secrets.put("host-b", SecretState.DIFFERENT);

        ConformanceResult r = run();

        assertThat(r.passed()).isFalse();
        CheckResult secret = row(r, "cephx_secret[host-b]");
        assertThat(secret.status()).isEqualTo(Status.FAILED);
        assertThat(secret.detail()).isEqualTo("libvirt secret " + SiteConfigs.SECRET_UUID + " on host-b holds a "
                + "different key than the key of client.nova in " + dir.resolve("ceph.client.nova.keyring")
                + "; QEMU there could not open the RBD disks");
        assertThat(row(r, "cephx_secret[host-a]").status()).isEqualTo(Status.PASSED);
        assertThat(row(r, "hop1.check_can_live_migrate_destination").status()).isEqualTo(Status.PASSED);
        CheckResult pre = row(r, "hop1.pre_live_migration");
        assertThat(pre.status()).isEqualTo(Status.FAILED);
        assertThat(pre.detail()).contains("MigrationPreCheckError", "holds a different value");
        assertThat(row(r, "hop1.live_migration").status()).isEqualTo(Status.SKIPPED);
        assertThat(row(r, "hop1.live_migration").detail()).isEqualTo("not reached");
        assertThat(row(r, "hop1.guest_on_host-b").detail()).startsWith("refused: MigrationPreCheckError")
                .endsWith("the guest still runs on host-a");
        assertThat(r.checks().stream().filter(c -> c.id().startsWith("hop2."))).allSatisfy(c ->
                assertThat(c.status()).isEqualTo(Status.SKIPPED));
        assertThat(row(r, "destroy").detail()).isEqualTo("conformance-6f1c9a52 destroyed on host-a");
        assertThat(row(r, "nothing_left").status()).isEqualTo(Status.PASSED);
        assertThat(site.calls).doesNotContain("purge conformance-6f1c9a52");
    }

    @Test
    void anUnreachableHostFailsItsCheckAndTheMigrationsAreSkippedNotTheCleanup() {
        site.unreachable.add("host-b");

        ConformanceResult r = run();

        assertThat(row(r, "libvirt_reachable[host-b]").detail())
                .isEqualTo("InternalError: cannot reach libvirtd of host-b at qemu+tcp://198.18.0.12/system: "
                        + "Connection refused");
        assertThat(r.hosts().get(1).libvirt()).isNull();
        assertThat(row(r, "spawn").status()).as("host1 answered").isEqualTo(Status.PASSED);
        assertThat(row(r, "nothing_left").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aFailedSpawnSkipsWhatNeedsTheGuestAndPurgesWhatItLeft() {
        site.spawnFailure = new InternalError("libvirt: unsupported configuration: key AQBzb21lIGZha2Uga2V5IGZvciB0ZXN0cyEhIQ==");

        ConformanceResult r = run();

        CheckResult spawn = row(r, "spawn");
        assertThat(spawn.status()).isEqualTo(Status.FAILED);
        assertThat(spawn.detail()).as("a key a daemon echoed is masked").contains("<redacted>").doesNotContain("AQBz");
        assertThat(row(r, "monitors_in_definition").status()).isEqualTo(Status.SKIPPED);
        assertThat(row(r, "hop1.live_migration").status()).isEqualTo(Status.SKIPPED);
        assertThat(row(r, "destroy").status()).as("destroyed on both hosts: where it is is unknown")
                .isEqualTo(Status.PASSED);
        assertThat(row(r, "nothing_left").status()).as("the half-made disk").isEqualTo(Status.FAILED);
        assertThat(row(r, "nothing_left").detail()).isEqualTo("left: RBD image vms/" + GUEST + "_disk");
        assertThat(site.calls).endsWith("destroy conformance-6f1c9a52 on host-a", "destroy conformance-6f1c9a52 on host-b",
                "purge conformance-6f1c9a52");
    }

    @Test
    void aDefinitionNamingMonitorsCephConfDoesNotIsTheFieldLessonFailing() {
        site.diskMonitors = List.of("198.18.0.250");

        CheckResult mons = row(run(), "monitors_in_definition");

        assertThat(mons.status()).isEqualTo(Status.FAILED);
        assertThat(mons.detail()).isEqualTo("live XML vda names [198.18.0.250]; persistent definition vda names "
                + "[198.18.0.250], expected ceph.conf mon_host [198.18.0.1, 198.18.0.2] = [198.18.0.1, 198.18.0.2]");
    }

    @Test
    void cephConfOverridingTheCacheModeOnAnOldQemuIsTheCacheLessonFailing() {
        site.qemu = ComponentVersion.of(2, 3);
        site.cephConfText = "[global]\nmon host = 198.18.0.1,198.18.0.2\n[client]\nrbd cache = false\n";

        CheckResult cache = row(run(), "cache_mode_librbd_cache");

        assertThat(cache.status()).isEqualTo(Status.FAILED);
        assertThat(cache.detail()).contains("rbd_cache=false", "overrides cache=writeback");
    }

    @Test
    void aDiskWithoutTheConfiguredCacheModeFails() {
        site.diskCache = null;

        CheckResult cache = row(run(), "cache_mode_librbd_cache");

        assertThat(cache.status()).isEqualTo(Status.FAILED);
        assertThat(cache.detail()).isEqualTo("vda has cache=(none), expected writeback (disk_cachemodes = network=writeback)");
    }

    @Test
    void aChangedBaseImageAndALeftoverAreReported() {
        site.baseImageChanges = true;
        site.extraLeftovers.add("instance dir /var/lib/nova/instances/" + GUEST + " of host-b");

        ConformanceResult r = run();

        assertThat(row(r, "base_image_untouched").status()).isEqualTo(Status.FAILED);
        assertThat(row(r, "base_image_untouched").detail()).contains("written-by-mistake");
        assertThat(row(r, "nothing_left").detail()).isEqualTo("left: instance dir /var/lib/nova/instances/" + GUEST
                + " of host-b");
        assertThat(site.calls).last().isEqualTo("purge conformance-6f1c9a52");
    }

    private ConformanceResult runThroughAgents(String... replace) {
        config = SiteConfigReader.read(SiteConfigs.writeAgents(dir, replace));
        return run();
    }

    @Test
    void throughTheAgentsEveryContractStepRunsAndEachLibvirtOnlyCheckIsSkippedWithItsReason() {
        ConformanceResult r = runThroughAgents();

        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.checks()).hasSize(36);
        assertThat(r.checks()).extracting(CheckResult::id).startsWith("agent_reachable[host-a]",
                "agent_reachable[host-b]", "libvirt_reachable[host-a]", "libvirt_reachable[host-b]");
        List<String> libvirtOnly = List.of("libvirt_reachable[host-a]", "libvirt_reachable[host-b]",
                "cephx_secret[host-a]", "cephx_secret[host-b]", "monitors_in_definition", "cache_mode_librbd_cache");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.detail())
                .isEqualTo(libvirtOnly.contains(c.id()) ? Status.SKIPPED : Status.PASSED));
        assertThat(row(r, "cephx_secret[host-b]").detail()).isEqualTo("needs the host's libvirt URI: host-b is "
                + "reached through its agent, whose RPC API offers no libvirt secret values (give [host2] uri as "
                + "well to run this check)");
        assertThat(row(r, "cache_mode_librbd_cache").detail()).startsWith("needs the host's libvirt URI: host-a")
                .contains("domain XML");
        assertThat(row(r, "agent_reachable[host-b]").detail())
                .isEqualTo("server host-b on rabbit://nova:***@198.18.0.1:5672/: QEMU 7.2.0");
        assertThat(site.calls).containsExactly("get_available_resource on host-a", "get_available_resource on host-b",
                "spawn conformance-6f1c9a52 on host-a", "migrate conformance-6f1c9a52 host-a -> host-b",
                "migrate conformance-6f1c9a52 host-b -> host-a", "destroy conformance-6f1c9a52 on host-a");
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::reached)
                .containsExactly(SiteHost.Reach.AGENT, SiteHost.Reach.AGENT);
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::qemu).as("from the agents")
                .containsExactly("7.2.0", "7.2.0");
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::libvirt).containsOnlyNulls();
        assertThat(r.broker()).isEqualTo("rabbit://nova:***@198.18.0.1:5672/");
        assertThat(r.summary()).startsWith("PASS: 36 checks, 30 passed, 0 failed, 6 skipped");
    }

    @Test
    void anAgentsHostWithItsUriAlsoRunsTheLibvirtOnlyChecks() {
        ConformanceResult r = runThroughAgents(
                "name = host-a\nagent = true\n", "name = host-a\nagent = true\nuri = qemu+tcp://198.18.0.11/system\n",
                "name = host-b\nagent = true\n", "name = host-b\nagent = true\nuri = qemu+tcp://198.18.0.12/system\n");

        assertThat(r.checks()).hasSize(36);
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.status()).as(c.id() + ": " + c.detail())
                .isEqualTo(Status.PASSED));
        assertThat(r.hosts()).extracting(ConformanceResult.HostRow::libvirt).containsExactly("9.0.0", "9.0.0");
        assertThat(r.hosts().get(0).reachedBy()).isEqualTo("agent (server host-a of topic compute); libvirt at "
                + "qemu+tcp://198.18.0.11/system for the libvirt-only checks");
    }

    @Test
    void anAgentThatAnswersAsAnotherHostFailsItsCheck() {
        site.agentAnswersAs.put("host-b", "host-z");

        ConformanceResult r = runThroughAgents();

        assertThat(row(r, "agent_reachable[host-b]").status()).isEqualTo(Status.FAILED);
        assertThat(row(r, "agent_reachable[host-b]").detail()).isEqualTo("server host-b on "
                + "rabbit://nova:***@198.18.0.1:5672/ answered as host 'host-z'");
        assertThat(r.hosts().get(1).qemu()).isNull();
    }

    @Test
    void anAgentThatDoesNotAnswerFailsItsCheckAndTheCleanupStillRuns() {
        site.unreachable.add("host-b");

        ConformanceResult r = runThroughAgents();

        assertThat(row(r, "agent_reachable[host-b]").detail()).startsWith("InternalError: MessagingTimeout");
        assertThat(row(r, "libvirt_reachable[host-b]").status()).as("skipped, not failed: no URI")
                .isEqualTo(Status.SKIPPED);
        assertThat(row(r, "nothing_left").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aDaemonsMessageEchoingTheBrokersPasswordIsMaskedInTheRow() {
        site.spawnFailure = new InternalError("AMQP login nova:" + SiteConfigs.BROKER_PASSWORD + " refused");

        ConformanceResult r = runThroughAgents();

        assertThat(row(r, "spawn").detail()).isEqualTo("InternalError: AMQP login nova:*** refused");
        assertThat(r.checks()).allSatisfy(c -> assertThat(c.detail()).doesNotContain(SiteConfigs.BROKER_PASSWORD));
    }
}
