package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.capabilities.Capabilities;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.core.xml.secret.Secret;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast reader and writer must give exactly what JAXB gives: the same model (as JAXB writes it) and the same
 * bytes, for every fixture and for the corners of the format (mixed content, escapes, namespaces, empty text).
 */
class FastPathTest {

    static Stream<String> documents() {
        return Stream.concat(Stream.of("nova-rbd-guest.xml", "direct-kernel.xml", "lab-rbd-guest-active.xml",
                "lab-rbd-guest-inactive-migratable.xml", "lab-every-device-inactive.xml", "lab-bench-guest-active.xml")
                .map(Fixtures::xml), Stream.of(
                "<domain type='kvm'><name></name><uuid/><title>  </title><description>a &amp; b &lt; c"
                        + " &gt; d \"q\" 'a'\r\nline\ttab é 𝄞</description></domain>",
                "<domain type='k&amp;v\"m' id='a&#9;b&#10;c&#13;d' extra='&lt;x&gt;'><name other=\"'\">n</name>"
                        + "<devices><disk type='network' device='disk' future='1'><source protocol='rbd'"
                        + " name='p/i'><host name='h' port='1' weight='2'/><!-- c --><futurechild a='b'/></source>"
                        + "<target dev='vda'/></disk></devices></domain>",
                "<domain><name>a<!-- c -->b&#10;c</name><memory unit='KiB'> 65536 </memory></domain>",
                "<domain><metadata><x>text<y>inner</y>tail</x><z>  spaced  text  </z><e></e><f/>"
                        + "<g><![CDATA[<cdata> & ]]></g><h>a<!-- c -->b</h></metadata></domain>",
                "<domain xmlns:qemu='urn:qemu' xmlns:other='urn:other'><name>n</name><metadata>"
                        + "<nova:instance xmlns:nova='urn:nova'><nova:name>x</nova:name><nova:owner>"
                        + "<nova:user uuid='1'>u</nova:user></nova:owner></nova:instance>"
                        + "<nova:instance xmlns:nova='urn:nova'/><other:thing/></metadata>"
                        + "<qemu:commandline><qemu:arg value='-x'/></qemu:commandline></domain>",
                "<domain><metadata><a xmlns='urn:default'><b/></a></metadata><c xmlns:n='urn:n' n:attr='v'/></domain>",
                "<domain><devices><disk type='file'><source file='/f'><seclabel model='dac'><label>l</label>"
                        + "<a><b><c><d><e><f><g><h>deep</h></g></f></e></d></c></b></a></seclabel></source></disk>"
                        + "</devices></domain>"));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theFastReaderAndWriterGiveWhatJaxbGives(String xml) {
        String viaJaxb = XmlCodec.writeJaxb(XmlCodec.parseJaxb(xml, "domain", Domain.class, "domain"), "domain");
        assertThat(DomainXml.write(DomainXml.parse(xml))).isEqualTo(viaJaxb);
        Domain fast;
        try {
            fast = ModelReader.parse(xml, "domain", Domain.class);
        } catch (ModelBinding.Unsupported declined) {
            return; // JAXB reads it (checked above)
        }
        assertThat(XmlCodec.writeJaxb(fast, "domain")).isEqualTo(viaJaxb);
        try {
            assertThat(ModelWriter.write(fast, new StringBuilder())).isEqualTo(viaJaxb);
        } catch (ModelBinding.Unsupported declined) {
            // JAXB writes it (checked above)
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nova-rbd-guest.xml", "direct-kernel.xml", "lab-rbd-guest-active.xml",
        "lab-rbd-guest-inactive-migratable.xml", "lab-every-device-inactive.xml", "lab-bench-guest-active.xml"})
    void everyFixtureGoesTheFastWayBothWays(String fixture) {
        String xml = Fixtures.xml(fixture);
        Domain fast = ModelReader.parse(xml, "domain", Domain.class);
        assertThat(ModelWriter.write(fast, new StringBuilder()))
                .isEqualTo(XmlCodec.writeJaxb(XmlCodec.parseJaxb(xml, "domain", Domain.class, "domain"), "domain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secret-ceph.xml", "secret-volume.xml"})
    void secretsToo(String fixture) {
        String xml = Fixtures.xml(fixture);
        Secret fast = ModelReader.parse(xml, "secret", Secret.class);
        assertThat(ModelWriter.write(fast, new StringBuilder()))
                .isEqualTo(XmlCodec.writeJaxb(XmlCodec.parseJaxb(xml, "secret", Secret.class, "secret"), "secret"));
    }

    @org.junit.jupiter.api.Test
    void capabilitiesAndTheirCpuToo() {
        String xml = Fixtures.xml("capabilities-host.xml");
        Capabilities fast = ModelReader.parse(xml, "capabilities", Capabilities.class);
        Capabilities viaJaxb = XmlCodec.parseJaxb(xml, "capabilities", Capabilities.class, "capabilities");
        assertThat(ModelWriter.write(fast, new StringBuilder())).isEqualTo(XmlCodec.writeJaxb(viaJaxb, "capabilities"));
        assertThat(ModelWriter.write(fast.hostCpu().orElseThrow(), new StringBuilder()))
                .isEqualTo(XmlCodec.writeJaxb(viaJaxb.hostCpu().orElseThrow(), "cpu"));
    }

    /** JAXB put unknown attributes into a HashMap (so two or more came back in hash order); this keeps theirs. */
    @org.junit.jupiter.api.Test
    void unknownAttributesKeepTheirOrder() {
        String out = DomainXml.write(DomainXml.parse("<domain type='kvm' zz='1' aa='2' mm='3'><name>n</name></domain>"));
        assertThat(out).startsWith("<domain type=\"kvm\" zz=\"1\" aa=\"2\" mm=\"3\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<disk type='network' device='disk'><driver type='raw'/><source protocol='rbd'"
            + " name='vms/a'><host name='::1' port='6789'/></source><target dev='vda' bus='virtio'/></disk>"})
    void aSingleDeviceToo(String xml) {
        Disk fast = ModelReader.parse(xml, "disk", Disk.class);
        assertThat(ModelWriter.write(fast, new StringBuilder()))
                .isEqualTo(XmlCodec.writeJaxb(XmlCodec.parseJaxb(xml, "disk", Disk.class, "disk"), "disk"));
    }
}
