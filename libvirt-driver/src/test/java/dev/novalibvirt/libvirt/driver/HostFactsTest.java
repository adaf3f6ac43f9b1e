package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.ComputeInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** get_available_resource from the Host port. */
class HostFactsTest {
    @TempDir
    Path instances;

    @Test
    void theHostCpuIsLibvirtsCpuElementOfTheCapabilitiesAsItsOwnDocument() {
        StepFixture a = new StepFixture("host-a", instances, "");
        ComputeInfo info = new HostFacts(a.ctx).availableResource();
        assertThat(info.host()).isEqualTo("host-a");
        assertThat(info.hypervisorType()).isEqualTo("QEMU");
        assertThat(info.hypervisorVersion()).isEqualTo(7_002_000);
        assertThat(info.cpuInfo()).contains("<cpu>").contains("<arch>x86_64</arch>").doesNotContain("capabilities");
        assertThat(info.freeDiskGb()).isEqualTo(info.diskAvailableLeast());
    }

    @Test
    void theHostCpuKeepsEveryChildLibvirtReportsAndNothingOfTheRestOfTheCapabilities() {
        String caps = "<capabilities><host><uuid>6a0c5f4e-9d1b-4c3a-8e2f-7b6a5d4c3b2a</uuid><cpu><arch>x86_64</arch>"
                + "<model>Skylake-Client-IBRS</model><vendor>Intel</vendor><microcode version='240'/>"
                + "<topology sockets='1' dies='1' cores='2' threads='1'/><feature name='vmx'/>"
                + "<pages unit='KiB' size='4'/></cpu><topology><cells num='1'><cell id='0'><cpus num='1'>"
                + "<cpu id='0'/></cpus></cell></cells></topology></host>"
                + "<guest><os_type>hvm</os_type></guest></capabilities>";
        String cpu = HostFacts.hostCpuXml(caps);
        assertThat(cpu).startsWith("<cpu>").doesNotContain("uuid").doesNotContain("guest").doesNotContain("cells");
        assertThat(cpu.replaceAll("\\s+", "")).isEqualTo("<cpu><arch>x86_64</arch><model>Skylake-Client-IBRS</model>"
                + "<vendor>Intel</vendor><microcodeversion=\"240\"/><topologysockets=\"1\"dies=\"1\"cores=\"2\""
                + "threads=\"1\"/><featurename=\"vmx\"/><pagesunit=\"KiB\"size=\"4\"/></cpu>");
    }

    @Test
    void capabilitiesWithoutAHostCpuGiveNone() {
        assertThat(HostFacts.hostCpuXml("<capabilities><host/></capabilities>")).isNull();
    }
}
