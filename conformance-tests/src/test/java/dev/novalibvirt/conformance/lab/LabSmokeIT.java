package dev.novalibvirt.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.rados.MonCommands;
import java.util.Map;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;

/** The lab is real: two libvirt hosts, a Ceph reachable as client.nova, and a guest booting from RBD. */
@ExtendWith(LabExtension.class)
class LabSmokeIT {

    @Test
    void bothHostsAnswerThroughLibvirtJavaWithTheirOwnHostUuid(Lab lab) throws Exception {
        Connect a = lab.connect(lab.hostA());
        Connect b = lab.connect(lab.hostB());

        assertThat(a.getCapabilities()).contains("<uuid>" + lab.hostA().uuid() + "</uuid>");
        assertThat(b.getCapabilities()).contains("<uuid>" + lab.hostB().uuid() + "</uuid>");
        assertThat(lab.hostA().uuid()).isNotEqualTo(lab.hostB().uuid());
        assertThat(a.secretLookupByUUIDString(lab.env().rbdSecretUuid().toString()).getUsageID())
                .isEqualTo(b.secretLookupByUUIDString(lab.env().rbdSecretUuid().toString()).getUsageID());
    }

    @Test
    void radosConnectsAsClientNovaListsPoolsAndDumpsTheMonmap(Lab lab) throws Exception {
        RbdDriver rbd = lab.rbd();

        assertThat(rbd.connection().poolList()).contains(lab.env().poolVms(), lab.env().poolImages());
        assertThat(rbd.fsid()).isEqualTo(lab.env().fsid());
        MonCommands.Result dump = rbd.monCommands().command(Map.of("prefix", "mon dump"));
        assertThat(dump.status()).startsWith("dumped monmap epoch");
        assertThat(dump.output()).contains("\"fsid\":\"" + lab.env().fsid() + "\"");
    }

    @Test
    void aDomainWithAnRbdDiskStartsOnHostAAndRuns(Lab lab) throws Exception {
        String name = "lab-smoke-" + UUID.randomUUID().toString().substring(0, 8);
        String disk = lab.cloneBaseImage(name + "_disk");
        Connect a = lab.connect(lab.hostA());
        Domain dom = null;
        try {
            dom = a.domainDefineXML(LabGuests.bootSectorDomainXml(lab.env(), name, UUID.randomUUID(), disk));
            dom.create();

            assertThat(dom.getInfo().state).isEqualTo(DomainState.VIR_DOMAIN_RUNNING);
            assertThat(dom.getXMLDesc(0)).contains("protocol='rbd' name='" + disk + "'");
            assertThat(lab.awaitSerialGrowth(lab.hostA(), name, Duration.ofSeconds(60)))
                    .as("serial output of %s on host-a grows", name).isTrue();
            assertThat(lab.awaitSerialGrowth(lab.hostA(), name, Duration.ofSeconds(10)))
                    .as("and keeps growing").isTrue();
        } finally {
            if (dom != null) {
                if (dom.isActive() == 1) {
                    dom.destroy();
                }
                dom.undefine();
            }
            lab.removeVmsImage(name + "_disk");
            Files.deleteIfExists(lab.hostA().serialLog(name));
        }
    }
}
