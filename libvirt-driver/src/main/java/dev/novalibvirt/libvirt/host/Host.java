package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One libvirtd, as the driver needs it; mirrors {@code nova.virt.libvirt.host.Host}: guests by name, definitions,
 * secrets and host facts. A port in this project's terms: results are plain values and {@link Guest}s, failures are
 * Nova's exceptions ({@link InstanceNotFound}, {@link HypervisorUnavailable} while the connection is lost,
 * {@link InternalError} for anything else libvirt reports), so that the driver's steps can be tested against a
 * fake. {@link #open} gives the libvirt-java implementation.
 *
 * <p>The connection survives libvirtd restarts: when it breaks, calls in flight (and calls while the daemon is
 * away) fail with {@link HypervisorUnavailable}, and a later call reconnects, with a backoff between attempts.
 */
public interface Host extends AutoCloseable {

    /**
     * Opens a read-write connection to {@code uri}, e.g. {@code qemu+tcp://198.18.0.11/system}, after starting
     * libvirt's event loop (idempotent, one daemon thread per process): libvirt delivers domain events only on
     * connections opened after that, and without them migrations fall back to polling.
     *
     * @throws InternalError when libvirtd cannot be reached
     */
    static Host open(String uri) {
        return LibvirtHost.open(uri);
    }

    /** The connection URI. */
    String uri();

    /** Whether this host is still usable; false after {@link #close()} (a lost connection still counts as open). */
    boolean isOpen();

    /**
     * Waits up to {@code within} until the connection works, reconnecting as the backoff allows; returns at once
     * when it is connected.
     *
     * @throws HypervisorUnavailable when libvirtd is not back within that time, or the host is closed
     */
    default void awaitConnection(Duration within) throws InterruptedException {
        if (!isOpen()) {
            throw new HypervisorUnavailable("connection to " + uri() + " is closed");
        }
    }

    /**
     * Mirrors {@code Host.get_guest}.
     *
     * @throws InstanceNotFound when no domain has that name
     */
    default Guest guest(String domainName) {
        return findGuest(domainName).orElseThrow(() -> new InstanceNotFound(domainName));
    }

    /** The guest if a domain of that name is defined. */
    Optional<Guest> findGuest(String domainName);

    /** Mirrors {@code Host.write_instance_config}: define a persistent domain. */
    Guest define(String domainName, String xml);

    /** Mirrors {@code Host.find_secret}: the libvirt secret with this uuid, if defined. */
    Optional<Secret> findSecret(String uuid);

    /**
     * Mirrors {@code Host.create_secret} for a ceph secret; the value never leaves this call except to libvirt.
     * The caller wipes {@code value}.
     *
     * @param value the cephx key's 28 bytes (the base64 of {@code ceph auth get-key}, decoded)
     * @throws dev.novalibvirt.core.exception.InvalidInput for a malformed uuid, usage name or key, before libvirt is
     *                                                    asked; the key is never quoted
     */
    Secret defineCephSecret(String uuid, String usageName, byte[] value);

    /** The uuids of every libvirt secret defined on this host. */
    List<String> secretUuids();

    /** libvirt's capabilities XML ({@code <host><cpu>} describes the host CPU). */
    String capabilities();

    /** The hypervisor version (QEMU) in libvirt's encoding (major * 1,000,000 + minor * 1,000 + micro). */
    long hypervisorVersion();

    /** The hypervisor type, e.g. {@code QEMU}. */
    String hypervisorType();

    /**
     * Mirrors {@code Host.compare_cpu}: how this host's CPU relates to the CPU described by {@code cpuXml}.
     * {@link CpuComparison#UNSUPPORTED} when this libvirt cannot compare.
     *
     * @throws InternalError when libvirt fails to compare for another reason
     */
    CpuComparison compareCpu(String cpuXml);

    /** Closes the connection; closing twice is harmless. */
    @Override
    void close();
}
