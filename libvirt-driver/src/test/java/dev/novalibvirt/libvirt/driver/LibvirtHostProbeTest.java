package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What recovery learns from one libvirtd through the Host/Guest ports, and from the host's instances_path. */
class LibvirtHostProbeTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private final FakeHost host = new FakeHost();
    private final LibvirtHostProbe probe = new LibvirtHostProbe("host-b", host);

    @TempDir
    Path instances;

    @Test
    void aRunningTransientDomainWithAnActiveJobIsReportedAsSuch() {
        FakeGuest g = host.add(new FakeGuest("instance-00000001", StepFixture.RBD_DOMAIN).running());
        g.persistent = false;
        g.job = JobState.UNBOUNDED;
        assertThat(probe.view(INSTANCE)).isEqualTo(HostView.of("host-b", DomainPresence.RUNNING, false, true));
        assertThat(probe.view(INSTANCE).job()).isEqualTo(JobType.UNBOUNDED);
    }

    @Test
    void absentPausedAndDefinedDomainsAreTold() {
        assertThat(probe.view(new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f", "nope", 512, 1, 1, "cirros"))
                .presence()).isEqualTo(DomainPresence.ABSENT);
        FakeGuest g = host.add(new FakeGuest("instance-00000001", StepFixture.RBD_DOMAIN));
        assertThat(probe.view(INSTANCE).presence()).isEqualTo(DomainPresence.DEFINED);
        g.state = PowerState.PAUSED;
        assertThat(probe.view(INSTANCE).presence()).isEqualTo(DomainPresence.PAUSED);
        probe.resume(INSTANCE);
        assertThat(g.info().state()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void theInstanceDirIsToldWhenTheProbeKnowsInstancesPath() throws Exception {
        LibvirtHostProbe withDirs = new LibvirtHostProbe("host-b", host, new InstanceDirs(instances));
        assertThat(probe.view(INSTANCE).instanceDir()).as("no instances_path: not asked")
                .isEqualTo(InstanceDir.UNKNOWN);
        assertThat(withDirs.view(INSTANCE).instanceDir()).isEqualTo(InstanceDir.ABSENT);
        Files.createDirectory(instances.resolve(INSTANCE.uuid()));
        assertThat(withDirs.view(INSTANCE).instanceDir()).isEqualTo(InstanceDir.PRESENT);
        assertThat(withDirs.view(INSTANCE).presence()).as("a dir without a domain").isEqualTo(DomainPresence.ABSENT);
    }

    @Test
    void aLibvirtdThatFailsIsUnreachableNotAbsent() {
        FakeGuest g = new FakeGuest("instance-00000001", StepFixture.RBD_DOMAIN) {
            @Override
            public dev.novalibvirt.core.driver.InstanceInfo info() {
                throw new dev.novalibvirt.core.exception.InternalError("End of file while reading data");
            }
        };
        host.add(g);
        HostView v = probe.view(INSTANCE);
        assertThat(v.reachable()).isFalse();
        assertThat(v.detail()).contains("End of file");
    }
}
