package dev.novalibvirt.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import dev.novalibvirt.conformance.agent.AgentController;
import dev.novalibvirt.conformance.agent.LabAgents;
import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nova-libvirt conformance run --config FILE} against the lab, run in this JVM as {@code java -jar} runs it
 * (as {@link CliIT} does). The config names only what a real site has: the two hosts' libvirt URIs, addresses and
 * instances paths (or, for hosts reached through their agents, the broker's transport_url and the hosts' names), the
 * ceph.conf, the keyring of the cephx user, the pools, the libvirt secret's uuid and the base image; the CLI reads no
 * lab.env. What the run leaves is checked independently (libvirt, virsh, rbd, the file system, the agents' logs).
 * The agents' tests start one agent per host inside its namespaces ({@link AgentController#onHosts}) and are skipped
 * when lab.env names no RabbitMQ.
 */
@ExtendWith(LabExtension.class)
class CliConformanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LabEnv env;
    private ContractLab lab;
    private String ownSecret;

    @BeforeEach
    void lab(LabEnv env) {
        this.env = env;
        lab = ContractLab.of(env);
    }

    /** The broken case's own secret, on both hosts; the lab's shared secret is never touched. */
    @AfterEach
    void removeOwnSecret() {
        if (ownSecret == null) {
            return;
        }
        for (String letter : List.of("a", "b")) {
            try (Host host = Host.open(lab.hostValue(letter, "URI"))) {
                Optional<Secret> s = host.findSecret(ownSecret);
                s.ifPresent(Secret::undefine);
            }
        }
    }

    /** The site config an operator of the lab would write. */
    private Path siteConfig(String secretUuid) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# the lab as a site: two compute hosts and their Ceph", "[site]",
                "name = lab"));
        for (String letter : List.of("a", "b")) {
            lines.addAll(List.of("[host" + (letter.equals("a") ? 1 : 2) + "]",
                    "name = " + lab.hostValue(letter, "NAME"),
                    "uri = " + lab.hostValue(letter, "URI"),
                    "address = " + lab.hostValue(letter, "IP"),
                    "instances_path = " + lab.instancesPath(letter)));
        }
        lines.addAll(cephImageAndGuest(secretUuid));
        return Files.writeString(dir.resolve("lab-site.conf"), String.join("\n", lines));
    }

    /**
     * The site config of an operator whose hosts run the compute agent: the broker the agents serve on and each
     * host's name; a libvirt URI only for the hosts in {@code withUri} (the libvirt-only checks). Mode 0600: it holds
     * the broker's password, as the agents' nova.conf does.
     */
    private Path agentSiteConfig(Set<String> withUri) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# the lab as a site reached through its compute agents",
                "[DEFAULT]", "transport_url = " + labSecret("RABBIT_TRANSPORT_URL_FILE"), "[site]",
                "name = lab-agents"));
        for (String letter : List.of("a", "b")) {
            lines.addAll(List.of("[host" + (letter.equals("a") ? 1 : 2) + "]",
                    "name = " + lab.hostValue(letter, "NAME"), "agent = true"));
            if (withUri.contains(letter)) {
                lines.add("uri = " + lab.hostValue(letter, "URI"));
            }
        }
        lines.addAll(cephImageAndGuest(lab.get("RBD_SECRET_UUID")));
        Path file = dir.resolve("lab-agents-site.conf");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, String.join("\n", lines));
    }

    /** A file lab.env names holding a secret (the transport URL, the broker's password): never printed. */
    private String labSecret(String key) throws IOException {
        return Files.readString(Path.of(env.get(key)), StandardCharsets.UTF_8).strip();
    }

    /** [ceph], [image] and [guest] of the lab's site, as every config here has them. */
    private List<String> cephImageAndGuest(String secretUuid) {
        return List.of("[ceph]",
                "conf = " + lab.cephConf(),
                "keyring = " + lab.novaKeyring(),
                "user = " + lab.get("CEPH_USER"),
                "pool = " + lab.get("POOL_VMS"),
                "images_pool = " + lab.get("POOL_IMAGES"),
                "secret_uuid = " + secretUuid,
                "[image]",
                "id = " + lab.get("BASE_IMAGE_ID"),
                "snapshot = " + lab.get("BASE_IMAGE_SNAP"),
                "[guest]",
                "virt_type = " + ContractLab.virtType(),
                "cache_mode = writeback",
                "memory_mb = 64", "");
    }

    record Run(int exitCode, String out, String err) {
        JsonNode result() {
            try {
                return JSON.readTree(out).path("result");
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exitCode + ", stderr " + err + "): " + out, e);
            }
        }
    }

    private Run conformance(Path config, Path out) {
        String[] argv = {"conformance", "run", "--config", config.toString(), "--out", out.toString(), "--json"};
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = NovaLibvirtCli.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        Run run = new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        System.out.println("CliConformanceIT: nova-libvirt " + String.join(" ", argv) + " -> " + code + "\n"
                + run.out() + run.err());
        return run;
    }

    private static JsonNode check(JsonNode result, String id) {
        return StreamSupport.stream(result.path("checks").spliterator(), false)
                .filter(c -> c.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + result.path("checks")));
    }

    /** Neither host has the run's guest, the vms pool has no image of it, no instance dir is left. */
    private void assertNothingLeft(JsonNode result) {
        String name = result.path("guest").path("name").asText();
        String uuid = result.path("guest").path("uuid").asText();
        assertThat(name).startsWith("conformance-");
        for (String letter : List.of("a", "b")) {
            try (Host host = Host.open(lab.hostValue(letter, "URI"))) {
                assertThat(host.findGuest(name)).as("no domain " + name + " on host-" + letter).isEmpty();
            }
            assertThat(lab.instancesPath(letter).resolve(uuid)).as("instance dir on host-" + letter).doesNotExist();
        }
        ContractLab.Run ls = rbd("ls", lab.get("POOL_VMS"));
        assertThat(ls.exitCode()).as(ls.output()).isZero();
        assertThat(ls.output()).as("no RBD image of the guest").doesNotContain(uuid);
        ContractLab.Run snaps = rbd("snap", "ls", lab.get("POOL_IMAGES") + "/" + lab.get("BASE_IMAGE_ID"));
        assertThat(snaps.exitCode()).as(snaps.output()).isZero();
        assertThat(snaps.output()).as("the base image keeps its snapshot").contains(lab.get("BASE_IMAGE_SNAP"));
    }

    private ContractLab.Run rbd(String... args) {
        List<String> argv = new ArrayList<>(List.of("rbd", "-c", lab.cephConf().toString(), "--id",
                lab.get("CEPH_USER"), "--keyring", lab.novaKeyring().toString()));
        argv.addAll(List.of(args));
        return ContractLab.run(argv.toArray(String[]::new));
    }

    @Test
    void theLabAsASitePassesEveryCheckAndLeavesNothing() throws Exception {
        Path out = dir.resolve("report");

        Run run = conformance(siteConfig(lab.get("RBD_SECRET_UUID")), out);

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode r = run.result();
        assertThat(r.path("result").asText()).isEqualTo("PASS");
        assertThat(r.path("failed").asLong()).isZero();
        assertThat(r.path("skipped").asLong()).isZero();
        assertThat(r.path("checks")).hasSize(34);
        assertThat(r.path("checks")).allSatisfy(c -> assertThat(c.path("status").asText())
                .as(c.path("id").asText() + ": " + c.path("detail").asText()).isEqualTo("PASSED"));
        for (JsonNode host : r.path("hosts")) {
            assertThat(host.path("libvirt").asText()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(host.path("qemu").asText()).startsWith("7.");
        }
        assertThat(r.path("ceph_cluster").isNull()).isFalse();
        assertThat(check(r, "hop1.live_migration").path("proves").asText())
                .startsWith("live_migration on " + lab.hostValue("a", "NAME"));
        assertThat(check(r, "hop2.guest_on_" + lab.hostValue("a", "NAME")).path("detail").asText())
                .contains("COMPLETED").endsWith("runs on " + lab.hostValue("a", "NAME") + " only");
        String md = Files.readString(out.resolve("conformance.md"));
        // the README's capture of a conformance report is this run's Markdown, from the IT's output file
        System.out.println("CliConformanceIT: conformance.md of the lab's run\n" + md);
        assertThat(md).contains("**PASS: 34 checks, 34 passed");
        assertThat(Files.readString(out.resolve("conformance.html"))).contains("PASS: 34 checks, 34 passed");
        assertThat(Files.readString(out.resolve("TEST-nova-libvirt-conformance.xml")))
                .contains("tests=\"34\" failures=\"0\"");
        assertNothingLeft(r);
    }

    @Test
    void aDestinationSecretHoldingAnotherKeyIsTheFailureTheReportNames() throws Exception {
        ownSecret = UUID.randomUUID().toString();
        byte[] key = lab.cephxKeys().cephxKey().orElseThrow();
        // a well-formed cephx key with another secret in it, as PreCheckRefusalIT makes one
        byte[] wrong = key.clone();
        byte[] other = new byte[16];
        new SecureRandom().nextBytes(other);
        System.arraycopy(other, 0, wrong, wrong.length - 16, 16);
        try (Host a = Host.open(lab.hostValue("a", "URI")); Host b = Host.open(lab.hostValue("b", "URI"))) {
            a.defineCephSecret(ownSecret, "conformance right key " + ownSecret, key);
            b.defineCephSecret(ownSecret, "conformance wrong key " + ownSecret, wrong);
        }
        Path out = dir.resolve("broken");

        Run run = conformance(siteConfig(ownSecret), out);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode r = run.result();
        assertThat(r.path("result").asText()).isEqualTo("FAIL");
        String hostB = lab.hostValue("b", "NAME");
        JsonNode secretB = check(r, "cephx_secret[" + hostB + "]");
        assertThat(secretB.path("status").asText()).isEqualTo("FAILED");
        assertThat(secretB.path("detail").asText()).contains("libvirt secret " + ownSecret + " on " + hostB
                + " holds a different key than the key of client." + lab.get("CEPH_USER"));
        assertThat(check(r, "cephx_secret[" + lab.hostValue("a", "NAME") + "]").path("status").asText())
                .isEqualTo("PASSED");
        assertThat(r.path("checks")).as("the migration's pre-check refuses the destination")
                .anySatisfy(c -> {
                    assertThat(c.path("id").asText()).startsWith("hop1.");
                    assertThat(c.path("status").asText()).isEqualTo("FAILED");
                    assertThat(c.path("detail").asText()).contains("MigrationPreCheckError", "holds a different value");
                });
        assertThat(check(r, "hop1.guest_on_" + hostB).path("status").asText()).isEqualTo("FAILED");
        assertThat(check(r, "nothing_left").path("status").asText()).isEqualTo("PASSED");
        assertThat(check(r, "base_image_untouched").path("status").asText()).isEqualTo("PASSED");

        String md = Files.readString(out.resolve("conformance.md"));
        assertThat(md).contains("**FAIL: 34 checks", "| `cephx_secret[" + hostB + "]` | site |", "**FAIL**",
                "holds a different key");
        assertThat(Files.readString(out.resolve("conformance.html"))).contains("cephx_secret[" + hostB + "]",
                "<td class=\"failed\">FAILED</td>");
        String xml = Files.readString(out.resolve("TEST-nova-libvirt-conformance.xml"));
        assertThat(xml).contains("<testcase name=\"cephx_secret[" + hostB + "]\" classname=\"conformance.site\"");
        for (String text : List.of(run.out(), run.err(), md, xml)) {
            assertThat(text).as("neither key is shown").doesNotContain(Base64.getEncoder().encodeToString(key))
                    .doesNotContain(Base64.getEncoder().encodeToString(wrong));
        }
        assertNothingLeft(r);
    }

    /** The checks that need a libvirtd itself: skipped, with the reason, for a host reached through its agent only. */
    private Set<String> libvirtOnly(String letter) {
        String host = lab.hostValue(letter, "NAME");
        return Set.of("libvirt_reachable[" + host + "]", "cephx_secret[" + host + "]");
    }

    /**
     * Every row passed, except {@code skipped}, each skipped with the libvirt URI it needed named: nothing failed,
     * nothing passed silently in their place.
     */
    private static void assertPassedOrSkippedForTheUri(JsonNode result, Set<String> skipped) {
        assertThat(result.path("failed").asLong()).isZero();
        assertThat(result.path("skipped").asLong()).isEqualTo(skipped.size());
        assertThat(result.path("checks")).allSatisfy(c -> {
            String id = c.path("id").asText();
            String detail = c.path("detail").asText();
            if (skipped.contains(id)) {
                assertThat(c.path("status").asText()).as(id + ": " + detail).isEqualTo("SKIPPED");
                assertThat(detail).as(id).startsWith("needs the host's libvirt URI: ")
                        .contains("is reached through its agent");
            } else {
                assertThat(c.path("status").asText()).as(id + ": " + detail).isEqualTo("PASSED");
            }
        });
    }

    /**
     * What the agents' own logs say they handled (their handler summary, written on a graceful stop): the spawn on
     * host-a, each hop's live_migration on its source and pre_live_migration on its destination. Stops the agents.
     */
    private void assertTheAgentsRanTheSteps(AgentController.OnHosts hosts) throws IOException {
        LabAgents.Agent agentA = hosts.agents().agent("a");
        LabAgents.Agent agentB = hosts.agents().agent("b");
        Map<String, Integer> exits = hosts.agents().stop();
        assertThat(exits).as("both agents stop gracefully").containsEntry("a", 0).containsEntry("b", 0);
        String a = agentA.logText();
        String b = agentB.logText();
        String nameA = lab.hostValue("a", "NAME");
        String nameB = lab.hostValue("b", "NAME");
        assertThat(a).contains("agent of " + nameA + " handled spawn n=1 ",
                "agent of " + nameA + " handled live_migration n=1 ",
                "agent of " + nameA + " handled pre_live_migration n=1 ",
                "agent of " + nameA + " handled destroy n=1 ");
        assertThat(b).contains("agent of " + nameB + " handled pre_live_migration n=1 ",
                "agent of " + nameB + " handled live_migration n=1 ").doesNotContain("handled spawn");
        String password = labSecret("RABBIT_PASSWORD_FILE");
        assertThat(a + b).as("agent logs").doesNotContain(password);
    }

    /** The reports and the CLI's output name the broker with its password masked, never the password. */
    private void assertNoBrokerPassword(Run run, Path out) throws IOException {
        String password = labSecret("RABBIT_PASSWORD_FILE");
        for (String text : List.of(run.out(), run.err(), Files.readString(out.resolve("conformance.md")),
                Files.readString(out.resolve("conformance.html")),
                Files.readString(out.resolve("TEST-nova-libvirt-conformance.xml")))) {
            assertThat(text).doesNotContain(password);
        }
        assertThat(run.result().path("broker").asText()).startsWith("rabbit://").contains(":***@");
    }

    /** Neither host's libvirtd knows the guest and neither host's instances_path has its dir (virsh, the dirs). */
    private void assertGoneFromBothHostsByVirsh(JsonNode result) {
        Instance guest = new Instance(result.path("guest").path("uuid").asText(),
                result.path("guest").path("name").asText(), 64, 1, 1, lab.get("BASE_IMAGE_ID"));
        for (String letter : List.of("a", "b")) {
            VirshLook look = VirshLook.of(lab, letter, guest);
            assertThat(look.clean()).as("virsh and the instance dir on host-" + letter + ": " + look).isTrue();
        }
    }

    @Test
    void throughTheHostsAgentsEveryStepRunsThereAndEachLibvirtOnlyCheckIsSkippedNamingTheUri() throws Exception {
        try (AgentController.OnHosts hosts = AgentController.onHosts(env, dir.resolve("agents"),
                "it-conformance-agents")) {
            Path out = dir.resolve("agents-report");

            Run run = conformance(agentSiteConfig(Set.of()), out);

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            JsonNode r = run.result();
            assertThat(r.path("result").asText()).isEqualTo("PASS");
            assertThat(r.path("checks")).hasSize(36);
            Set<String> skipped = new HashSet<>(Set.of("monitors_in_definition", "cache_mode_librbd_cache"));
            skipped.addAll(libvirtOnly("a"));
            skipped.addAll(libvirtOnly("b"));
            assertPassedOrSkippedForTheUri(r, skipped);
            String nameA = lab.hostValue("a", "NAME");
            String nameB = lab.hostValue("b", "NAME");
            for (JsonNode host : r.path("hosts")) {
                assertThat(host.path("via").asText()).isEqualTo("agent");
                assertThat(host.path("uri").isNull()).as("no libvirt URI given").isTrue();
                assertThat(host.path("qemu").asText()).as("from the agent's get_available_resource").startsWith("7.");
                assertThat(host.path("reached_by").asText()).startsWith("agent (server " + host.path("name").asText()
                        + " of topic compute)");
            }
            assertThat(check(r, "agent_reachable[" + nameB + "]").path("detail").asText())
                    .startsWith("server " + nameB + " on rabbit://").contains("QEMU 7.");
            assertThat(check(r, "hop1.pre_live_migration").path("detail").asText()).isEqualTo("ran on " + nameB);
            assertThat(check(r, "hop2.guest_on_" + nameA).path("detail").asText())
                    .contains("COMPLETED").endsWith("runs on " + nameA + " only");
            assertThat(Files.readString(out.resolve("conformance.md")))
                    .contains("**PASS: 36 checks, 30 passed, 0 failed, 6 skipped", "| none | unknown | 7.",
                            "Agents: topic compute, exchange nova on `rabbit://");
            assertNoBrokerPassword(run, out);
            assertGoneFromBothHostsByVirsh(r);
            assertNothingLeft(r);
            assertTheAgentsRanTheSteps(hosts);
        }
    }

    @Test
    void throughTheAgentsWithHost1sUriItsLibvirtOnlyChecksRunAndOnlyHost2sAreSkipped() throws Exception {
        try (AgentController.OnHosts hosts = AgentController.onHosts(env, dir.resolve("agents"),
                "it-conformance-agents-uri")) {
            Path out = dir.resolve("agents-uri-report");

            Run run = conformance(agentSiteConfig(Set.of("a")), out);

            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            JsonNode r = run.result();
            assertThat(r.path("checks")).hasSize(36);
            // the guest is on host-a when the field lessons look at it: host-a's URI serves them
            assertPassedOrSkippedForTheUri(r, libvirtOnly("b"));
            assertThat(r.path("hosts").get(0).path("via").asText()).isEqualTo("agent_and_libvirt");
            assertThat(r.path("hosts").get(0).path("libvirt").asText()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(r.path("hosts").get(1).path("via").asText()).isEqualTo("agent");
            assertThat(check(r, "cephx_secret[" + lab.hostValue("a", "NAME") + "]").path("detail").asText())
                    .contains("holds the key of client." + lab.get("CEPH_USER"));
            assertThat(check(r, "cache_mode_librbd_cache").path("detail").asText()).startsWith("vda cache=writeback");
            assertNoBrokerPassword(run, out);
            assertGoneFromBothHostsByVirsh(r);
            assertNothingLeft(r);
            assertTheAgentsRanTheSteps(hosts);
        }
    }
}
