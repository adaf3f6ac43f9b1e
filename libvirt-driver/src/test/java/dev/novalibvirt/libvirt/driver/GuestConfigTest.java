package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.NetworkDiskBuilder;
import dev.novalibvirt.core.xml.XmlDiff;
import dev.novalibvirt.core.xml.domain.Domain;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** spawn's domain XML, built with the typed model. */
class GuestConfigTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final String ROOT_DISK = DomainXml.writeDisk(NetworkDiskBuilder.rbd("vms", INSTANCE.uuid() + "_disk")
            .host("198.18.0.31", 6789).username("nova").secretUuid("5ec7e700-0000-4000-8000-000000000001")
            .cache("writeback").target("vda", "virtio").build());
    private static final Path CONSOLE = Path.of("/var/lib/nova/instances", INSTANCE.uuid(), "console.log");

    @Test
    void anRbdGuestWithTwoBridgedVifsVncAndAFileConsole() {
        NetworkInfo net = NetworkInfo.of(new Vif("port-1", "fa:16:3e:00:00:01", "br-int", "virtio"),
                new Vif("port-2", "fa:16:3e:00:00:02", "br-ex", "e1000"));
        String xml = new GuestConfig("qemu", ROOT_DISK, CONSOLE, "198.18.0.11").toXml(INSTANCE, net);
        String expected = """
                <domain type='qemu'>
                  <name>instance-00000001</name>
                  <uuid>0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1</uuid>
                  <memory unit='MiB'>512</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                """ + ROOT_DISK + """
                    <interface type='bridge'>
                      <mac address='fa:16:3e:00:00:01'/>
                      <source bridge='br-int'/>
                      <model type='virtio'/>
                    </interface>
                    <interface type='bridge'>
                      <mac address='fa:16:3e:00:00:02'/>
                      <source bridge='br-ex'/>
                      <model type='e1000'/>
                    </interface>
                    <serial type='file'>
                      <source path='/var/lib/nova/instances/0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1/console.log' append='on'/>
                      <target port='0'/>
                    </serial>
                    <graphics type='vnc' autoport='yes' listen='198.18.0.11'>
                      <listen type='address' address='198.18.0.11'/>
                    </graphics>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """;
        assertThat(XmlDiff.differences(expected, xml)).as(xml).isEmpty();
    }

    @Test
    void withoutVncThereIsNoGraphicsAndTheRootDiskIsKeptAsTheBackendWroteIt() {
        Domain d = new GuestConfig("kvm", ROOT_DISK, CONSOLE, null).toDomain(INSTANCE, NetworkInfo.none());
        assertThat(d.getType()).isEqualTo("kvm");
        assertThat(d.getDevices().getGraphics()).isEmpty();
        assertThat(d.getDevices().getInterfaces()).isEmpty();
        assertThat(XmlDiff.differences(ROOT_DISK, DomainXml.writeDisk(d.getDisks().get(0)))).isEmpty();
    }

    @Test
    void valuesAreEscapedByTheWriterNotByHand() {
        Path odd = Path.of("/srv/it's & <odd>/console.log");
        String xml = new GuestConfig("qemu", ROOT_DISK, odd, null).toXml(INSTANCE, NetworkInfo.none());
        assertThat(DomainXml.parse(xml).getDevices().getSerials().get(0).getSource().getPath())
                .isEqualTo(odd.toString());
    }
}
