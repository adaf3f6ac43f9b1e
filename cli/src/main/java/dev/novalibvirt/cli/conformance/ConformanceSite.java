package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.Instance;
import java.util.List;
import java.util.Optional;

/**
 * What the conformance checks ask of the operator's site, so that the checks are logic over these answers: the live
 * implementation opens each host's driver as {@code RbdLibvirt} assembles it, or, for a host reached through its
 * agent, a {@code RemoteComputeDriver} over the config's broker, and the Ceph cluster as {@code rbd_user}; the unit
 * tests answer from memory. Every method acts only on the run's own guest. The methods marked libvirt-only are
 * asked only of a host with a libvirt URI ({@link SiteHost#hasLibvirtUri()}): an agent's RPC API does not offer them.
 */
public interface ConformanceSite extends AutoCloseable {
    /** {@code host}'s libvirtd, reached at its URI (libvirt-only). */
    HostVersions versions(SiteHost host);

    /**
     * What {@code host}'s agent answers to Nova's {@code get_available_resource} (server {@code host.name()} of topic
     * {@code compute}), for a host reached through its agent.
     */
    AgentFacts agent(SiteHost host);

    /** The cluster's release ({@code ceph version} from the monitors) as {@code rbd_user}. */
    String cephClusterVersion();

    /** The Ceph release of this machine's client libraries ({@code ceph --version}); empty when unknown. */
    Optional<ComponentVersion> cephClientVersion();

    /** The site's ceph.conf, as librados reads it. */
    CephConf cephConf();

    /**
     * Whether {@code host}'s libvirt secret {@code secret_uuid} holds the keyring's key (compared, never shown;
     * libvirt-only).
     */
    SecretState secret(SiteHost host);

    /** The base image and its snapshot as they are now. */
    BaseImageState baseImage();

    /** Spawns {@code instance} on {@code host} from the base image, powered on (the driver's {@code spawn}). */
    void spawn(SiteHost host, Instance instance);

    /** Whether {@code instance}'s domain runs on {@code host}. */
    boolean runs(SiteHost host, Instance instance);

    /** {@code instance}'s domain XML on {@code host}: the live one, or the persistent definition (libvirt-only). */
    String domainXml(SiteHost host, Instance instance, boolean persistent);

    /** The whole live migration of {@code instance} from {@code from} to {@code to} (Nova's steps, in order). */
    HopOutcome migrate(SiteHost from, SiteHost to, Instance instance);

    /** Destroys {@code instance} on {@code host}, its disks and instance dir included (the driver's destroy). */
    void destroy(SiteHost host, Instance instance);

    /** What of {@code instance} is left anywhere: domains, RBD images, instance dirs. */
    List<String> leftovers(Instance instance);

    /** Removes whatever of {@code instance} is left (best effort, after a failed run); never throws. */
    void purge(Instance instance);

    /** The addresses {@code host} resolves to (ceph.conf may name monitors by name). */
    List<String> addresses(String host);

    @Override
    void close();

    /** One libvirtd's versions and its own host name. */
    record HostVersions(String hostname, ComponentVersion libvirt, ComponentVersion qemu) {
    }

    /**
     * What an agent's {@code get_available_resource} names: the host it serves as, its hypervisor and the
     * hypervisor's version (libvirt's {@code virConnectGetVersion}: QEMU's).
     */
    record AgentFacts(String host, String hypervisorType, ComponentVersion hypervisorVersion) {
    }

    /** What a host's libvirt secret holds compared with the keyring's key of {@code rbd_user}. */
    enum SecretState {
        /** The same key. */
        MATCHES,
        /** Another key: QEMU there could not open the RBD disks. */
        DIFFERENT,
        /** The secret is defined without a value. */
        NO_VALUE,
        /** No secret of that uuid on the host. */
        MISSING,
        /** The keyring holds no key for {@code client.<user>}. */
        NO_KEY
    }

    /**
     * The base image as it is: present with its snapshot, its size and its snapshots (name, size, protected).
     *
     * @param exists    whether the image and the snapshot exist
     * @param size      its size in bytes
     * @param snapshots {@code name size protected} per snapshot
     */
    record BaseImageState(boolean exists, long size, List<String> snapshots) {
        public BaseImageState {
            snapshots = List.copyOf(snapshots);
        }
    }
}
