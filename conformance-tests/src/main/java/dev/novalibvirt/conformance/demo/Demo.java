package dev.novalibvirt.conformance.demo;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabGuests;
import dev.novalibvirt.conformance.lab.LabHost;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * {@code ./lab demo}: the main job, end to end, printing each step. For now it boots an RBD-backed guest on
 * host-a through libvirt-java and shows that it runs; the migration issue replaces it with the
 * back-and-forth live migration between the lab's hosts.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        try (Lab lab = Lab.open()) {
            LabHost a = lab.hostA();
            String name = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            say("lab: ceph fsid %s, hosts %s", lab.env().fsid(), lab.env().get("HOSTS"));

            String disk = lab.cloneBaseImage(name + "_disk");
            say("cloned images/%s@%s -> %s (as client.%s)", lab.env().baseImageId(), lab.env().baseImageSnap(),
                    disk, lab.env().cephUser());
            Connect conn = lab.connect(a);
            Domain dom = null;
            try {
                dom = conn.domainDefineXML(LabGuests.bootSectorDomainXml(lab.env(), name, UUID.randomUUID(), disk));
                dom.create();
                say("defined and started %s on %s (%s), disk rbd:%s, virt type %s", name, a.name(), a.uri(), disk,
                        lab.env().virtType());
                if (!lab.awaitSerialGrowth(a, name, Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the guest printed nothing on its serial port within 60 s");
                }
                for (int i = 0; i < 3; i++) {
                    long before = lab.serialBytes(a, name);
                    Thread.sleep(1000);
                    say("guest is running: serial output %d -> %d bytes in 1 s (%s)", before, lab.serialBytes(a, name),
                            a.serialLog(name));
                }
            } finally {
                if (dom != null) {
                    if (dom.isActive() == 1) {
                        dom.destroy();
                    }
                    dom.undefine();
                    say("destroyed and undefined %s", name);
                }
                lab.removeVmsImage(name + "_disk");
                Files.deleteIfExists(a.serialLog(name));
                say("removed %s", disk);
            }
            say("demo done");
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("[demo] " + String.format(format, args));
    }
}
