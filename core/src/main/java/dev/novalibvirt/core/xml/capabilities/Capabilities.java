package dev.novalibvirt.core.xml.capabilities;

import dev.novalibvirt.core.xml.domain.Cpu;
import dev.novalibvirt.core.xml.domain.XmlNode;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libvirt's {@code <capabilities>} ({@code virConnectGetCapabilities}): the {@code <host>} is typed, the
 * {@code <guest>} entries and the rest are kept as they were.
 */
@XmlRootElement(name = "capabilities")
public class Capabilities extends XmlNode {
    @XmlElementRef(type = Host.class)
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    public Host getHost() { return child(Host.class); }

    /** The host's CPU ({@code <host><cpu>}), if libvirt reports one. */
    public Optional<Cpu> hostCpu() {
        Host host = getHost();
        return Optional.ofNullable(host == null ? null : host.getCpu());
    }

    /**
     * {@code <host>}: the typed {@code <cpu>} (libvirt formats the host CPU with the same element and definition
     * as a guest CPU, plus arch, microcode, counter and pages, which stay in place); uuid, power management,
     * topology, cache, security models and the rest are kept.
     */
    @XmlRootElement(name = "host")
    public static class Host extends XmlNode {
        @XmlElementRef(type = Cpu.class)
        @XmlAnyElement
        private List<Object> content = new ArrayList<>();

        @Override
        protected List<Object> children() { return content; }

        public Cpu getCpu() { return child(Cpu.class); }
    }
}
