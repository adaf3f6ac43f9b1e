package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an embedder gets from a builder it has not filled completely; against libvirt's test driver. */
class LibvirtDriverBuilderTest {
    @TempDir
    Path instances;

    /** An RBD-like backend that may or may not report its cluster's monitors. */
    record Backend(boolean reportsMonitors) implements ImageBackend {
        @Override public String imagesType() { return "rbd"; }
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return true; }
        @Override public boolean isFileInInstancePath() { return false; }
        @Override public boolean supportsClone() { return true; }
        @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
        @Override public List<MonitorEndpoint> currentMonitors() {
            return List.of(new MonitorEndpoint("10.0.0.1", 6789));
        }
        @Override public void close() { }
    }

    private NovaConfig config() {
        return NovaConfig.parse("[DEFAULT]\nhost = compute-1\ninstances_path = " + instances
                + "\n[libvirt]\nimages_type = rbd\n");
    }

    @Test
    void anEmptyBuilderAsksForTheConfigFirst() {
        assertThatThrownBy(() -> LibvirtDriver.builder().build()).isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("LibvirtDriver.builder(): config is required: call .config(");
    }

    @Test
    void withoutAHostItSaysHowToOpenOne() {
        assertThatThrownBy(() -> LibvirtDriver.builder().config(config()).build())
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("LibvirtDriver.builder(): host is required")
                .hasMessageContaining(".host(Host.open(\"qemu+tcp://compute-1/system\"))");
    }

    @Test
    void withoutAnImageBackendItNamesTheImagesTypeAndClosesTheHostItWasGiven() throws Exception {
        Host host = Host.open("test:///default");
        assertThatThrownBy(() -> LibvirtDriver.builder().config(config()).host(host).build())
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("LibvirtDriver.builder(): imageBackend is required")
                .hasMessageContaining("images_type = rbd").hasMessageContaining("RbdConfig.from(config)");
        assertThat(host.isOpen()).isFalse();
    }

    @Test
    void anRbdDriverWithoutAnyMonitorSourceIsRefused() {
        assertThatThrownBy(() -> LibvirtDriver.builder().config(config()).host(Host.open("test:///default"))
                .imageBackend(new Backend(false)).build())
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageStartingWith("LibvirtDriver.builder(): monitors is required")
                .hasMessageContaining(".monitors(");
    }

    @Test
    void theMonitorsDefaultToTheImageBackendsWhenItReportsThem() {
        assertThat(DriverParts.monitors(null, new Backend(true), config()).monitorAddresses())
                .containsExactly(new MonitorAddress("10.0.0.1", "6789"));
        try (LibvirtDriver driver = LibvirtDriver.builder().config(config()).host(Host.open("test:///default"))
                .imageBackend(new Backend(true)).build()) {
            assertThat(driver.host()).isEqualTo("compute-1");
        }
    }

    @Test
    void givenMonitorsWinOverTheBackends() {
        List<MonitorAddress> given = List.of(new MonitorAddress("10.0.0.9", "3300"));
        assertThat(DriverParts.monitors(() -> given, new Backend(true), config()).monitorAddresses())
                .isEqualTo(given);
    }

    @Test
    void aBackendOfAnotherImagesTypeIsNamedAsSuch() {
        NovaConfig qcow2 = NovaConfig.parse("[DEFAULT]\ninstances_path = " + instances
                + "\n[libvirt]\nimages_type = qcow2\n");
        assertThatThrownBy(() -> LibvirtDriver.builder().config(qcow2).host(Host.open("test:///default"))
                .imageBackend(new Backend(false)).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("images_type=qcow2")
                .hasMessageContaining("serves rbd");
    }

    @Test
    void aMigrationListenerNeedsTheDefaultJobWaiter() {
        assertThatThrownBy(() -> LibvirtDriver.builder().config(config()).host(Host.open("test:///default"))
                .imageBackend(new Backend(true)).jobWaiter(new PollingJobWaiter())
                .migrationListener(MigrationListener.NONE).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("migrationListener");
    }

    @Test
    void openingAHostStartsLibvirtsEventLoop() {
        try (Host host = Host.open("test:///default")) {
            assertThat(LibvirtEventLoop.isRunning()).isTrue();
            assertThat(host.uri()).isEqualTo("test:///default");
        }
    }
}
