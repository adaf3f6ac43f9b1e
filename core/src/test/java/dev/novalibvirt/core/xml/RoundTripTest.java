package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertDomainRoundTrips;
import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.domain.OtherElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"nova-rbd-guest.xml", "direct-kernel.xml", "lab-rbd-guest-active.xml",
        "lab-rbd-guest-inactive-migratable.xml", "lab-every-device-inactive.xml", "lab-bench-guest-active.xml"})
    void handWrittenDomainsRoundTripWithoutLosingAnything(String fixture) {
        assertDomainRoundTrips(Fixtures.xml(fixture));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret-ceph.xml", "secret-volume.xml"})
    void secretsRoundTrip(String fixture) {
        String xml = Fixtures.xml(fixture);
        assertSameXml(xml, SecretXml.write(SecretXml.parse(xml)));
    }

    @Test
    void unknownChildInsideADiskSourceStaysBetweenItsNeighbours() {
        Domain d = DomainXml.parse(Fixtures.xml("nova-rbd-guest.xml"));
        Disk vdb = Domains.findDiskByTarget(d, "vdb").orElseThrow();
        assertThat(vdb.getSource().getOtherElements()).extracting(OtherElement::getLocalName).containsExactly("futurechild");
        assertThat(vdb.getOtherAttributes()).hasSize(1);
        String out = DomainXml.write(d);
        assertThat(out.indexOf("<auth username=\"cinder\"")).isLessThan(out.indexOf("<futurechild"));
        assertThat(out.indexOf("<futurechild")).isLessThan(out.indexOf("<backingStore/>"));
    }

    @Test
    void writtenXmlEndsWithExactlyOneNewlineAsLibvirtsDoes() {
        String out = DomainXml.write(DomainXml.parse(Fixtures.xml("lab-bench-guest-active.xml")));
        assertThat(out).startsWith("<domain ").endsWith("</domain>\n").doesNotEndWith("\n\n");
        assertThat(DomainXml.writeDisk(DomainXml.parse(Fixtures.xml("lab-bench-guest-active.xml")).getDisks().get(0)))
                .endsWith("</disk>\n").doesNotEndWith("\n\n");
    }

    @Test
    void foreignNamespacesKeepTheirPrefixesAndRootDeclarations() {
        String out = DomainXml.write(DomainXml.parse(Fixtures.xml("nova-rbd-guest.xml")));
        assertThat(out).startsWith("<domain xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\"");
        assertThat(out).contains("<nova:instance xmlns:nova=\"http://openstack.org/xmlns/libvirt/nova/1.1\">");
        assertThat(out).contains("<qemu:commandline>");
    }

    @Test
    void unknownElementsCanBeReadAndChanged() {
        Domain d = DomainXml.parse(Fixtures.xml("nova-rbd-guest.xml"));
        OtherElement metadata = d.otherElement("metadata").orElseThrow();
        OtherElement instance = metadata.getChildren().get(0);
        assertThat(instance.getNamespaceUri()).isEqualTo("http://openstack.org/xmlns/libvirt/nova/1.1");
        assertThat(instance.child("name").orElseThrow().getText()).isEqualTo("web-1");
        instance.child("name").orElseThrow().setText("web-2");
        OtherElement seclabel = d.otherElement("seclabel").orElseThrow();
        assertThat(seclabel.getAttribute("model")).isEqualTo("dac");
        seclabel.setAttribute("relabel", "no");
        String out = DomainXml.write(d);
        assertThat(XmlDiff.differences(Fixtures.xml("nova-rbd-guest.xml"), out)).containsExactly(
                "/domain/metadata[3]/{http://openstack.org/xmlns/libvirt/nova/1.1}instance[1]/"
                        + "{http://openstack.org/xmlns/libvirt/nova/1.1}name[2]/text(): expected 'web-1' but was 'web-2'",
                "/domain/seclabel[20]/@relabel: expected 'yes' but was 'no'");
    }

    @Test
    void textIsKeptExactlyIncludingInnerSpacesAndEscapes() {
        Domain d = DomainXml.parse(Fixtures.xml("direct-kernel.xml"));
        assertThat(d.getDescription()).isEqualTo("Kernel, initrd and a command line with  two spaces & an ampersand");
        assertThat(d.getOs().getCmdline()).isEqualTo("root=/dev/vda console=ttyS0 quiet");
        assertThat(DomainXml.write(d)).contains("two spaces &amp; an ampersand");
    }

    @Test
    void singleDiskXmlRoundTrips() {
        String disk = """
                <disk type='network' device='disk'>
                  <driver type='raw' cache='writeback'/>
                  <source protocol='rbd' name='vms/a_disk'>
                    <host name='::1' port='6789'/>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                """;
        assertSameXml(disk, DomainXml.writeDisk(DomainXml.parseDisk(disk)));
    }
}
