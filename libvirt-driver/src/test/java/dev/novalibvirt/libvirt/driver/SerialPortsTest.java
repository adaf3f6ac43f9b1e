package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.config.ConsoleOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.SocketPortRangeExhaustedException;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.libvirt.driver.SerialPorts.HostPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nova's {@code nova.console.serial} cases (nova/tests/unit/console/test_serial.py) and the
 * {@code _get_serial_ports_from_guest} cases of test_driver.py, one method per Nova test, named after it.
 */
class SerialPortsTest {
    private static final SerialPorts.PortProbe ALWAYS_FREE = (host, port) -> true;

    private static ConsoleOptions consoles(String conf) {
        return NovaConfig.parse("[DEFAULT]\nhost = h\n" + conf).consoles();
    }

    @Test
    void test_get_port_range() {
        ConsoleOptions c = consoles("");
        assertThat(c.serialPortRangeStart()).isEqualTo(10000);
        assertThat(c.serialPortRangeStop()).isEqualTo(20000);
    }

    @Test
    void test_get_port_range_customized() {
        ConsoleOptions c = consoles("[serial_console]\nport_range = 30000:40000\n");
        assertThat(c.serialPortRangeStart()).isEqualTo(30000);
        assertThat(c.serialPortRangeStop()).isEqualTo(40000);
    }

    @Test
    void test_get_port_range_bad_range() {
        // deliberate difference: Nova warns and falls back to 10000:20000; a range that gives no port is refused
        assertThatThrownBy(() -> consoles("[serial_console]\nport_range = 40000:30000\n"))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("port_range")
                .hasMessageContaining("min < max");
        assertThatThrownBy(() -> consoles("[serial_console]\nport_range = 30000:30000\n"))
                .as("stop is exclusive, as in Nova's range(start, stop)").isInstanceOf(InvalidConfiguration.class);
    }

    @Test
    void test_verify_port() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(SerialPorts.localBind().free("127.0.0.1", port)).isTrue();
    }

    @Test
    void test_verify_port_in_use() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(SerialPorts.localBind().free("127.0.0.1", s.getLocalPort())).isFalse();
        }
    }

    @Test
    void anAddressOfAnotherMachineIsNotProbedOnlyRemembered() {
        // 198.51.100.0/24 (TEST-NET-2) is never a local address: the in-memory allocation alone decides
        SerialPorts ports = new SerialPorts(10000, 10002, SerialPorts.localBind());
        assertThat(ports.acquire("198.51.100.7", "i")).isEqualTo(10000);
        assertThat(ports.acquire("198.51.100.7", "i")).isEqualTo(10001);
    }

    @Test
    void test_acquire_port() {
        SerialPorts ports = new SerialPorts(15, 20, ALWAYS_FREE);
        for (int port = 15; port < 20; port++) {
            assertThat(ports.acquire("127.0.0.1", "i")).isEqualTo(port);
        }
        for (int port = 15; port < 20; port++) {
            assertThat(ports.acquire("127.0.0.2", "i")).isEqualTo(port);
        }
        assertThat(ports.allocated()).hasSize(10);
    }

    @Test
    void test_acquire_port_in_use() {
        SerialPorts ports = new SerialPorts(10000, 20000,
                (host, port) -> !(port == 10000 && host.equals("127.0.0.1")));
        assertThat(ports.acquire("127.0.0.1", "i")).isEqualTo(10001);
        assertThat(ports.acquire("127.0.0.2", "i")).isEqualTo(10000);
        assertThat(ports.allocated()).containsExactlyInAnyOrder(new HostPort("127.0.0.1", 10001),
                new HostPort("127.0.0.2", 10000));
    }

    @Test
    void test_acquire_port_not_ble_to_bind_at_any_port() {
        SerialPorts ports = new SerialPorts(15, 20, (host, port) -> false);
        assertThatThrownBy(() -> ports.acquire("127.0.0.1", "i"))
                .isInstanceOf(SocketPortRangeExhaustedException.class)
                .hasMessageStartingWith("Not able to acquire a free port for 127.0.0.1")
                .hasMessageContaining("[serial_console] port_range = 15:20");
        assertThat(ports.allocated()).isEmpty();
    }

    @Test
    void test_release_port() {
        SerialPorts ports = new SerialPorts(100, 101, ALWAYS_FREE);
        ports.acquire("127.0.0.1", "i");
        ports.acquire("127.0.0.2", "i");
        assertThat(ports.allocated()).hasSize(2);
        ports.release("127.0.0.1", 100);
        assertThat(ports.allocated()).hasSize(1);
        ports.release("127.0.0.2", 100);
        assertThat(ports.allocated()).isEmpty();
    }

    @Test
    void portsAnArrivedGuestDoesNotUseAreGivenBackAndOnlyItsOwn() {
        SerialPorts ports = new SerialPorts(100, 200, ALWAYS_FREE);
        int used = ports.acquire("127.0.0.1", "guest-a");
        int unused = ports.acquire("127.0.0.1", "guest-a");
        int other = ports.acquire("127.0.0.1", "guest-b");
        assertThat(ports.releaseUnused("guest-a", Set.of(new HostPort("127.0.0.1", used)))).isEqualTo(1);
        assertThat(ports.allocated()).containsExactlyInAnyOrder(new HostPort("127.0.0.1", used),
                new HostPort("127.0.0.1", other));
        assertThat(unused).isNotIn(used, other);
    }

    private static List<HostPort> fromGuest(String mode, String devName) {
        String xml = "<domain type='kvm'><name>instance-1</name><devices>"
                + "<" + devName + " type='tcp'><source host='127.0.0.1' service='100' mode='connect'/></" + devName + ">"
                + "<" + devName + " type='tcp'><source host='127.0.0.1' service='101' mode='bind'/></" + devName + ">"
                + "<" + devName + " type='tcp'><source host='127.0.0.2' service='100' mode='bind'/></" + devName + ">"
                + "<" + devName + " type='tcp'><source host='127.0.0.2' service='101' mode='connect'/></" + devName
                + "></devices></domain>";
        return SerialPorts.fromGuest(DomainXml.parse(xml), mode);
    }

    @Test
    void test_get_serial_ports_from_guest() {
        assertThat(fromGuest(null, "serial")).containsExactly(new HostPort("127.0.0.1", 100),
                new HostPort("127.0.0.1", 101), new HostPort("127.0.0.2", 100), new HostPort("127.0.0.2", 101));
    }

    @Test
    void test_get_serial_ports_from_guest_bind_only() {
        assertThat(fromGuest("bind", "serial")).containsExactly(new HostPort("127.0.0.1", 101),
                new HostPort("127.0.0.2", 100));
    }

    @Test
    void test_get_serial_ports_from_guest_connect_only() {
        assertThat(fromGuest("connect", "serial")).containsExactly(new HostPort("127.0.0.1", 100),
                new HostPort("127.0.0.2", 101));
    }

    @Test
    void test_get_serial_ports_from_guest_on_s390() {
        assertThat(fromGuest(null, "console")).containsExactly(new HostPort("127.0.0.1", 100),
                new HostPort("127.0.0.1", 101), new HostPort("127.0.0.2", 100), new HostPort("127.0.0.2", 101));
    }
}
