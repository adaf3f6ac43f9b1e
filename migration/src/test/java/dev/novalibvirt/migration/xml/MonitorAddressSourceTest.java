package dev.novalibvirt.migration.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorAddressSourceTest {

    /** A backend whose monitors the test moves, as an operator renumbering monitors would. */
    static final class Backend implements ImageBackend {
        final boolean reports;
        final List<MonitorEndpoint> monitors = new ArrayList<>();

        Backend(boolean reports) {
            this.reports = reports;
        }

        @Override public String imagesType() { return reports ? "rbd" : "raw"; }
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return reports; }
        @Override public boolean isFileInInstancePath() { return !reports; }
        @Override public boolean supportsClone() { return false; }
        @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
        @Override public boolean reportsMonitors() { return reports; }
        @Override public List<MonitorEndpoint> currentMonitors() { return List.copyOf(monitors); }
        @Override public void close() { }
    }

    @Test
    void theBackendsMonitorsAreReadAtEachCall() {
        Backend rbd = new Backend(true);
        rbd.monitors.add(new MonitorEndpoint("198.18.0.1", 6789));
        MonitorAddressSource source = MonitorAddressSource.of(rbd);
        assertThat(source.monitorAddresses()).containsExactly(new MonitorAddress("198.18.0.1", "6789"));
        rbd.monitors.set(0, new MonitorEndpoint("fd00::2", 6789));
        assertThat(source.monitorAddresses()).containsExactly(new MonitorAddress("fd00::2", "6789"));
    }

    @Test
    void aBackendWithoutMonitorsCannotBeTheSource() {
        assertThatThrownBy(() -> MonitorAddressSource.of(new Backend(false)))
                .isInstanceOf(dev.novalibvirt.core.exception.InvalidConfiguration.class).hasMessageContaining("raw");
    }
}
