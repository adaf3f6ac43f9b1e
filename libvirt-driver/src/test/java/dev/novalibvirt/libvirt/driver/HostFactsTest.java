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
    void capabilitiesWithoutAHostCpuGiveNone() {
        assertThat(HostFacts.hostCpuXml("<capabilities><host/></capabilities>")).isNull();
    }
}
