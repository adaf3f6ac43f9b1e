package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import org.junit.jupiter.api.Test;

/** What recovery learns from one libvirtd through the Host/Guest ports. */
class LibvirtHostProbeTest {
    private final FakeHost host = new FakeHost();
    private final LibvirtHostProbe probe = new LibvirtHostProbe("host-b", host);

    @Test
    void aRunningTransientDomainWithAnActiveJobIsReportedAsSuch() {
        FakeGuest g = host.add(new FakeGuest("instance-00000001", StepFixture.RBD_DOMAIN).running());
        g.persistent = false;
        g.job = JobState.UNBOUNDED;
        assertThat(probe.view("instance-00000001"))
                .isEqualTo(HostView.of("host-b", DomainPresence.RUNNING, false, true));
    }

    @Test
    void absentPausedAndDefinedDomainsAreTold() {
        assertThat(probe.view("nope").presence()).isEqualTo(DomainPresence.ABSENT);
        FakeGuest g = host.add(new FakeGuest("instance-00000001", StepFixture.RBD_DOMAIN));
        assertThat(probe.view("instance-00000001").presence()).isEqualTo(DomainPresence.DEFINED);
        g.state = PowerState.PAUSED;
        assertThat(probe.view("instance-00000001").presence()).isEqualTo(DomainPresence.PAUSED);
        probe.resume("instance-00000001");
        assertThat(g.info().state()).isEqualTo(PowerState.RUNNING);
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
        HostView v = probe.view("instance-00000001");
        assertThat(v.reachable()).isFalse();
        assertThat(v.detail()).contains("End of file");
    }
}
