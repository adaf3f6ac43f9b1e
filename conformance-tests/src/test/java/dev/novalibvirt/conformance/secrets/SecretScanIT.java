package dev.novalibvirt.conformance.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.lab.LabHost;
import dev.novalibvirt.conformance.xml.ModelGuests;
import dev.novalibvirt.conformance.xml.XmlLab;
import dev.novalibvirt.core.xml.DomainXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

    /**
     * The part of the haystacks that otherwise depends on what runs when the scan does: a guest with a cephx-authed
     * RBD disk built with core's model (as Nova's would be), running on host-a, in every XML flavour, its QEMU argv
     * and log. The QEMU secret object is there and takes its value encrypted (keyid), which the rule checks.
     */
    @Test
    void aRunningRbdGuestShowsItsKeyInNoXmlFlavourNorInQemusArgvOrLog(Lab shared) throws Exception {
        LabSecrets secrets = LabSecrets.read(shared.env());
        XmlLab xml = new XmlLab(shared);
        LabHost host = shared.hostA();
        String name = XmlLab.name("secretscan");
        String image = xml.cloneBaseImage();
        try {
            org.libvirt.Domain dom = xml.hostA()
                    .domainDefineXML(DomainXml.write(ModelGuests.rbdGuest(xml, name, image)));
            dom.create();
            SecretScan scan = new SecretScan(secrets.secrets());
            LiveHaystacks.domain(host.name(), dom, scan);
            // libvirtd's pid file of the guest (the hosts share the machine's pid namespace)
            Path pidFile = host.outsidePath("/run/libvirt/qemu/" + name + ".pid");
            Path pid = Path.of("/proc", Files.readString(pidFile).strip());
            LiveHaystacks.process(pid, scan);
            scan.file(host.outsidePath("/var/log/libvirt/qemu/" + name + ".log"), true);

            System.out.println("secret scan of a running RBD guest: " + scan.summary());
            if (!scan.hits().isEmpty()) {
                fail(scan.report());
            }
            String argv = Files.readString(pid.resolve("cmdline")).replace('\0', '\n');
            assertThat(argv.contains("\"qom-type\":\"secret\"") && argv.contains("\"keyid\""))
                    .as("QEMU got the disk's key as a secret object encrypted with the master key").isTrue();
        } finally {
            xml.removeDomain(name);
            xml.removeImage(image);
        }
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
        // what RealDomainXmlIT keeps of libvirt's XML
        scan.tree(MODULE.resolve("target/lab-xml"), false);
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
