package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.capabilities.Capabilities;
import dev.novalibvirt.core.xml.domain.Cpu;

/**
 * Reads libvirt's capabilities XML ({@code virConnectGetCapabilities}) and writes a CPU element on its own, as
 * {@code virConnectCompareCPU} takes it. Thread-safe; lossless like {@link DomainXml}.
 */
public final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    /** Parses a {@code <capabilities>} document; bad input raises {@link DomainXmlException}. */
    public static Capabilities parse(String xml) {
        return XmlCodec.parse(xml, "capabilities", Capabilities.class, "capabilities");
    }

    /** One {@code <cpu>} as its own document (for example the host CPU, for a CPU comparison on another host). */
    public static String writeCpu(Cpu cpu) {
        return XmlCodec.write(cpu, "cpu");
    }
}
