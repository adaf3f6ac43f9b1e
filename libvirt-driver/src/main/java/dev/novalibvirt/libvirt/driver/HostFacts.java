package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.xml.CapabilitiesXml;
import java.io.IOException;
import java.nio.file.Files;

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

    /**
     * The {@code <host><cpu>} element of libvirt's capabilities as its own document (what the destination's
     * {@code virConnectCompareCPU} takes); null when there is none.
     */
    static String hostCpuXml(String capabilitiesXml) {
        return CapabilitiesXml.parse(capabilitiesXml).hostCpu().map(CapabilitiesXml::writeCpu).orElse(null);
    }
}
