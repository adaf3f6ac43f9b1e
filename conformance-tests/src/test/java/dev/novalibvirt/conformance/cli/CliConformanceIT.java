package dev.novalibvirt.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.cli.NovaLibvirtCli;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 * instances paths, the ceph.conf, the keyring of the cephx user, the pools, the libvirt secret's uuid and the base
 * image; the CLI reads no lab.env. What the run leaves is checked independently (libvirt, rbd, the file system).
 */
@ExtendWith(LabExtension.class)
class CliConformanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ContractLab lab;
    private String ownSecret;

    @BeforeEach
    void lab(LabEnv env) {
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
        lines.addAll(List.of("[ceph]",
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
                "memory_mb = 64", ""));
        return Files.writeString(dir.resolve("lab-site.conf"), String.join("\n", lines));
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
        assertThat(Files.readString(out.resolve("conformance.md"))).contains("**PASS: 34 checks, 34 passed");
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
}
