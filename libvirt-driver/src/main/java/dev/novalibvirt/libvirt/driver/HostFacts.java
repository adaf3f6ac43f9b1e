package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.migration.xml.DomXml;
import java.io.IOException;
import java.nio.file.Files;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Nova's {@code get_available_resource} for the live-migration path: hypervisor type and version, the host CPU
 * (Nova's {@code _get_cpu_info}, here libvirt's {@code <cpu>} element) and the free disk of instances_path.
 */
final class HostFacts {
    private static final long GIB = 1024L * 1024 * 1024;

    private final DriverContext ctx;
    /** What only changes when libvirtd/QEMU are upgraded, which also means a new driver: read once. */
    private volatile ComputeInfo fixed;

    HostFacts(DriverContext ctx) {
        this.ctx = ctx;
    }

    ComputeInfo availableResource() {
        long freeGb;
        try {
            freeGb = Files.getFileStore(ctx.dirs().instancesPath()).getUsableSpace() / GIB;
        } catch (IOException e) {
            freeGb = 0;
        }
        ComputeInfo facts = fixed;
        if (facts == null) {
            facts = new ComputeInfo(ctx.hostName(), ctx.host().hypervisorType(), ctx.host().hypervisorVersion(),
                    hostCpuXml(ctx.host().capabilities()), 0, 0);
            fixed = facts;
        }
        return new ComputeInfo(facts.host(), facts.hypervisorType(), facts.hypervisorVersion(), facts.cpuInfo(),
                freeGb, freeGb);
    }

    /** The {@code <host><cpu>} element of libvirt's capabilities as its own document; null when there is none. */
    static String hostCpuXml(String capabilitiesXml) {
        Document caps = DomXml.parse(capabilitiesXml);
        Element hostEl = DomXml.child(caps.getDocumentElement(), "host");
        Element cpu = hostEl == null ? null : DomXml.child(hostEl, "cpu");
        if (cpu == null) {
            return null;
        }
        Document d = DomXml.parse("<cpu/>");
        Element copy = (Element) d.importNode(cpu, true);
        d.replaceChild(copy, d.getDocumentElement());
        return DomXml.print(d);
    }
}
