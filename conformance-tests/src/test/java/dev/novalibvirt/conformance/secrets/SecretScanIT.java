package dev.novalibvirt.conformance.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.novalibvirt.conformance.lab.LabExtension;

/**
 * Issue 15, "no secret anywhere": after every other IT of the run (this class is ordered last), nothing the suite
 * produced holds the cephx key of client.nova, client.cinder or client.admin, or the RabbitMQ password, in any
 * form {@link SecretForms} knows. The haystacks and what the scan cannot see: conformance-tests/README.md.
 * A hit fails with its place and the secret's kind; the secret itself is never printed.
 */
@ExtendWith(LabExtension.class)
@Order(Integer.MAX_VALUE)
class SecretScanIT {
    private static final Path MODULE = Path.of(System.getProperty("secretScan.module", "."));

    @Test
    void theScanRecognisesEachLabSecretInTheFileThatLegitimatelyHoldsIt(LabEnv env) {
        LabSecrets lab = LabSecrets.read(env);
        assertThat(lab.secrets()).extracting(Secret::kind)
                .as("the secrets every lab has").contains("client.nova cephx key", "client.admin cephx key",
                        "RabbitMQ password");
        // A positive control: the scan of the key files finds each key, else a clean scan would prove nothing.
        SecretScan scan = new SecretScan(lab.secrets());
        scan.file(env.cephKeyring(), false);
        scan.file(env.path("CEPH_ADMIN_KEYRING"), false);
        scan.file(env.path("RABBIT_PASSWORD_FILE"), false);
        assertThat(scan.hits()).extracting(SecretHit::what)
                .contains("client.nova cephx key", "client.admin cephx key", "RabbitMQ password");
        assertThat(scan.hits()).extracting(SecretHit::maskedLine)
                .allSatisfy(line -> lab.secrets().forEach(s -> assertThat(line.contains(s.value()))
                        .as("a masked line shows no secret").isFalse()));
    }

    @Test
    void nothingTheSuiteProducedHoldsASecret(Lab lab) {
        LabEnv env = lab.env();
        LabSecrets secrets = LabSecrets.read(env);
        SecretScan scan = new SecretScan(secrets.secrets());

        // what the test JVMs wrote: stdout/stderr of every IT so far (-output.txt), failure messages and stack
        // traces (TEST-*.xml), dump streams; the unit tests' reports of every module; the CI's console log
        Path root = MODULE.toAbsolutePath().normalize().getParent();
        scan.tree(MODULE.resolve("target/failsafe-reports"), false);
        for (Path module : modules(root)) {
            scan.tree(module.resolve("target/surefire-reports"), false);
        }
        scan.file(root.resolve("target/verify.log"), false);
        // the migration journals and agent logs the ITs wrote (kept by KeepTestRecords before JUnit removed
        // their temp dirs)
        Path records = KeepTestRecords.recordsDir();
        if (records != null) {
            scan.tree(records, false);
        }
        // each host: libvirtd.log and QEMU's logs (argv of every start, QMP), persistent and live domain XML
        // (etc/qemu, run/qemu), instance dirs; directories named 'secrets' (libvirt's secret values) are skipped
        for (LabHost host : lab.hosts()) {
            scan.tree(host.stateDir().resolve("log"), true);
            scan.tree(host.stateDir().resolve("etc/qemu"), false);
            scan.tree(host.stateDir().resolve("run/qemu"), false);
            scan.tree(host.instancesPath(), false);
        }
        Path state = Path.of(env.get("LAB_STATE"));
        scan.tree(state.resolve("ceph/log"), false);
        scan.tree(state.resolve("rabbitmq/log"), false);
        // what exists only now: domain XML in every flavour, secrets' XML, every process's argv
        LiveHaystacks.libvirt(lab, scan);
        LiveHaystacks.processes(scan);

        System.out.println("secret scan: " + scan.summary() + "; looked for " + secrets.secrets().size()
                + " secrets" + (secrets.absent().isEmpty() ? "" : ", not in this lab: " + secrets.absent()));
        if (!scan.hits().isEmpty()) {
            fail(scan.report());
        }
    }

    private static List<Path> modules(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
