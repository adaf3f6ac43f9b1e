package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.ConsoleOptions;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.SocketPortRangeExhaustedException;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.xml.domain.CharDevice;
import dev.novalibvirt.core.xml.domain.CharSource;
import dev.novalibvirt.core.xml.domain.Devices;
import dev.novalibvirt.core.xml.domain.Domain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's {@code nova.console.serial}: the TCP ports of {@code [serial_console] port_range} handed to serial consoles
 * on this host, remembered in memory ({@code ALLOCATED_PORTS}) per (host, port) and checked free by binding them
 * ({@code _verify_port}). Each port also remembers the instance it was acquired for, so that ports a migrated guest
 * does not use can be given back when it has arrived (Nova keeps them until the guest is destroyed).
 */
final class SerialPorts {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPorts.class);

    /** Whether {@code host:port} can be bound now (Nova's {@code _verify_port}). */
    @FunctionalInterface
    interface PortProbe {
        boolean free(String host, int port);
    }

    /** One serial port: the address it listens on and its service. */
    record HostPort(String host, int port) {
    }

    private final int start;
    private final int stop;
    private final PortProbe probe;
    private final Map<HostPort, String> allocated = new HashMap<>();

    SerialPorts(int start, int stop, PortProbe probe) {
        if (start < 1 || stop > 65536 || start >= stop) {
            throw new IllegalArgumentException("port range " + start + ":" + stop + " is not 1 <= start < stop");
        }
        this.start = start;
        this.stop = stop;
        this.probe = probe;
    }

    /** The range of {@code [serial_console] port_range}, probed by binding on this machine. */
    static SerialPorts of(ConsoleOptions consoles) {
        return new SerialPorts(consoles.serialPortRangeStart(), consoles.serialPortRangeStop(), localBind());
    }

    /**
     * Nova's {@code acquire_port(host)}: the first port of the range not allocated yet that can be bound.
     *
     * @throws SocketPortRangeExhaustedException when every port is allocated or in use
     */
    synchronized int acquire(String host, String owner) {
        Checks.host(host, "serial_listen_addr");
        for (int port = start; port < stop; port++) {
            HostPort candidate = new HostPort(host, port);
            if (allocated.containsKey(candidate)) {
                continue;
            }
            if (probe.free(host, port)) {
                allocated.put(candidate, owner);
                return port;
            }
            LOG.warn("Not able to bind {}:{}, in use", host, port);
        }
        throw new SocketPortRangeExhaustedException(host, "Not able to acquire a free port for " + host
                + ": every port of [serial_console] port_range = " + start + ":" + stop
                + " is allocated or in use");
    }

    /** Nova's {@code release_port(host, port)}; a port not allocated is nothing to do. */
    synchronized void release(String host, int port) {
        allocated.remove(new HostPort(host, port));
    }

    /** The ports {@code owner} holds that {@code used} does not name are released; returns how many. */
    synchronized int releaseUnused(String owner, Set<HostPort> used) {
        List<HostPort> unused = new ArrayList<>();
        allocated.forEach((hp, o) -> {
            if (o != null && o.equals(owner) && !used.contains(hp)) {
                unused.add(hp);
            }
        });
        unused.forEach(allocated::remove);
        return unused.size();
    }

    /**
     * Where a destination's ports listen: {@code serial_listen_addr} as the destination sent it, else its own
     * {@code proxyclient_address}; acquiring and releasing both use this, so they agree.
     */
    static String listenHost(LibvirtLiveMigrateData migrateData, ConsoleOptions consoles) {
        return migrateData != null && migrateData.serialListenAddr() != null ? migrateData.serialListenAddr()
                : consoles.serialProxyclientAddress();
    }

    synchronized Set<HostPort> allocated() {
        return Set.copyOf(allocated.keySet());
    }

    /** {@link #fromGuest(Domain, String)} of every mode. */
    static List<HostPort> fromGuest(Domain domain) {
        return fromGuest(domain, null);
    }

    /**
     * Nova's {@code _get_serial_ports_from_guest(guest, mode)}: the (host, service) of each tcp {@code <serial>}'s
     * source of {@code mode} (bind, connect; null for both), or of each tcp {@code <console>} when there is no tcp
     * serial (s390 guests have consoles only). Sources without a host or a numeric service are skipped: they name
     * no port of ours.
     */
    static List<HostPort> fromGuest(Domain domain, String mode) {
        List<CharDevice<?>> serials = new ArrayList<>();
        List<CharDevice<?>> consoles = new ArrayList<>();
        Devices devices = domain.findDevices().orElse(null);
        if (devices != null) {
            devices.getSerials().stream().filter(d -> "tcp".equals(d.getType())).forEach(serials::add);
            devices.getConsoles().stream().filter(d -> "tcp".equals(d.getType())).forEach(consoles::add);
        }
        List<HostPort> out = new ArrayList<>();
        for (CharDevice<?> dev : serials.isEmpty() ? consoles : serials) {
            for (CharSource src : dev.getSources()) {
                boolean modeMatches = mode == null || mode.equals(src.getMode());
                if (modeMatches && src.getHost() != null && src.getService() != null
                        && src.getService().matches("[0-9]{1,5}")) {
                    out.add(new HostPort(src.getHost(), Integer.parseInt(src.getService())));
                }
            }
        }
        return out;
    }

    /**
     * Binds the port on this machine. An address that is not this machine's cannot be bound here at all (the driver
     * manages a host it does not run on); then only the in-memory allocation decides, where Nova would find every
     * port "in use".
     */
    static PortProbe localBind() {
        Set<String> warned = new HashSet<>();
        return (host, port) -> {
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
                if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                        && NetworkInterface.getByInetAddress(address) == null) {
                    synchronized (warned) {
                        if (warned.add(host)) {
                            LOG.info("serial_listen_addr {} is not an address of this machine: ports are not "
                                    + "probed, only remembered", host);
                        }
                    }
                    return true;
                }
            } catch (UnknownHostException | SocketException e) {
                return false;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(address, port));
                return true;
            } catch (IOException e) {
                return false;
            }
        };
    }
}
