package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.migration.monitor.GuestState;
import org.junit.jupiter.api.Test;

/** How the destination's domain state reaches the monitor after a source libvirtd restart (issue 11 review). */
class HostSourceReconnectorTest {

    @Test
    void aPausedDestinationDomainStaysPausedSoItProvesNoHandover() {
        Object[][] rows = {
            {PowerState.RUNNING, GuestState.RUNNING},
            {PowerState.PAUSED, GuestState.PAUSED},
            {PowerState.SHUTDOWN, GuestState.SHUTOFF},
            {PowerState.CRASHED, GuestState.SHUTOFF},
            {PowerState.SUSPENDED, GuestState.OTHER},
            {PowerState.NOSTATE, GuestState.OTHER},
        };
        for (Object[] r : rows) {
            assertThat(HostSourceReconnector.stateOf((PowerState) r[0])).as("%s", r[0]).isEqualTo(r[1]);
        }
        assertThat(HostSourceReconnector.stateOf(PowerState.PAUSED).isActive()).as("active, yet not running")
                .isTrue();
    }
}
