package dev.novalibvirt.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import org.junit.jupiter.api.Test;

class MonitorEndpointTest {

    @Test
    void ipv6HostsLoseTheirBracketsAsInLibvirtXml() {
        assertThat(new MonitorEndpoint("[fd00::1]", 6789).host()).isEqualTo("fd00::1");
        assertThat(new MonitorEndpoint("198.18.0.1", 6789)).isEqualTo(new MonitorEndpoint("198.18.0.1", 6789));
    }

    @Test
    void emptyHostsAndBadPortsAreRefused() {
        assertThatThrownBy(() -> new MonitorEndpoint("", 6789)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MonitorEndpoint("198.18.0.1", 0)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MonitorEndpoint("198.18.0.1", 65536)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aBackendReportsNoMonitorsUnlessItSaysSo() {
        ImageBackend files = new ImageBackendsTest.Named("raw");
        assertThat(files.reportsMonitors()).isFalse();
        assertThatThrownBy(files::currentMonitors).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("raw");
    }
}
