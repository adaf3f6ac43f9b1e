package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.xml.capabilities.Capabilities;
import dev.novalibvirt.core.xml.domain.Cpu;
import org.junit.jupiter.api.Test;

/** The host CPU read from libvirt's capabilities, for get_available_resource's cpu_info. */
class CapabilitiesXmlTest {
    private final String original = Fixtures.xml("capabilities-host.xml");

    @Test
    void capabilitiesRoundTripWithEverythingTheModelDoesNotRead() {
        assertSameXml(original, XmlCodec.write(CapabilitiesXml.parse(original), "capabilities"));
    }

    @Test
    void theHostCpuIsWrittenAsItsOwnDocumentWithEveryChildInPlace() {
        Cpu cpu = CapabilitiesXml.parse(original).hostCpu().orElseThrow();
        assertThat(cpu.getModel().getValue()).isEqualTo("Skylake-Client-IBRS");
        assertThat(cpu.getVendor()).isEqualTo("Intel");
        assertThat(cpu.getFeatures()).extracting(Cpu.Feature::getName).containsExactly("ds", "vmx", "invtsc");

        String xml = CapabilitiesXml.writeCpu(cpu);
        assertThat(xml).startsWith("<cpu>").doesNotContain("capabilities").doesNotContain("<host>")
                .doesNotContain("secmodel");
        int start = original.indexOf("<cpu>");
        assertSameXml(original.substring(start, original.indexOf("</cpu>", start) + "</cpu>".length()), xml);
    }

    @Test
    void aHostWithoutCpuOrCapabilitiesWithoutHostHaveNone() {
        assertThat(CapabilitiesXml.parse("<capabilities><host><uuid>x</uuid></host></capabilities>").hostCpu())
                .isEmpty();
        Capabilities noHost = CapabilitiesXml.parse("<capabilities><guest/></capabilities>");
        assertThat(noHost.getHost()).isNull();
        assertThat(noHost.hostCpu()).isEmpty();
    }

    @Test
    void anotherDocumentIsRefusedByName() {
        assertThatThrownBy(() -> CapabilitiesXml.parse("<domain type='kvm'/>"))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("<capabilities>");
        assertThatThrownBy(() -> CapabilitiesXml.parse("<capabilities><host>"))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("not well-formed");
    }
}
