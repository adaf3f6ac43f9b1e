package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.config.TransportUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code conformance run --config FILE} runs against: the operator's two compute hosts, the Ceph cluster
 * (ceph.conf, the keyring of {@code rbd_user}, the pools, the libvirt secret's uuid) and a Glance base image in RBD.
 * Read and validated by {@link SiteConfigReader}. The one secret it may hold is the broker's password in
 * {@code messaging}'s transport URL, which every {@code toString} masks ({@link TransportUrl}); the keyring is a path,
 * never read here.
 *
 * @param file        the config file read
 * @param site        the site's name in the report
 * @param host1       where the short-lived guest starts
 * @param host2       where it is live-migrated to (and back from)
 * @param cephConf    {@code images_rbd_ceph_conf}
 * @param keyring     the keyring holding {@code client.<user>}'s key
 * @param user        {@code rbd_user}
 * @param pool        {@code images_rbd_pool}
 * @param imagesPool  Glance's pool, holding the base image
 * @param secretUuid  {@code rbd_secret_uuid}: the libvirt secret on both hosts
 * @param imageId     the base image's Glance id (its RBD name in {@code imagesPool})
 * @param imageSnap   the base image's snapshot Glance clones from ({@code snap})
 * @param virtType    {@code [libvirt] virt_type} of the guest ({@code kvm} or {@code qemu})
 * @param cacheMode   {@code disk_cachemodes = network=<mode>}
 * @param memoryMib   the guest's memory
 * @param rootGb      the guest's root disk
 * @param messaging   {@code [DEFAULT] transport_url} and the messaging options, as an agent reads them; null when no
 *                    host is reached through its agent
 */
public record SiteConfig(Path file, String site, SiteHost host1, SiteHost host2, Path cephConf, Path keyring,
                         String user, String pool, String imagesPool, String secretUuid, String imageId,
                         String imageSnap, String virtType, DiskCacheMode cacheMode, int memoryMib, int rootGb,
                         RpcOptions messaging) {
    /**
     * The shortest broker password a site may have: {@link #redact} finds it in free text, where a shorter one would
     * match inside ordinary words (and masking those would garble every detail), so a shorter one is refused instead
     * of being left unmasked.
     */
    public static final int MIN_PASSWORD_LENGTH = 8;

    public SiteConfig {
        Objects.requireNonNull(host1, "host1");
        Objects.requireNonNull(host2, "host2");
        Objects.requireNonNull(cacheMode, "cacheMode");
        if (messaging == null && (host1.agent() || host2.agent())) {
            throw new IllegalArgumentException("a host reached through its agent needs the messaging options");
        }
        if (messaging != null && hasShortPassword(messaging)) {
            throw new IllegalArgumentException("a broker password shorter than " + MIN_PASSWORD_LENGTH
                    + " characters could not be masked");
        }
    }

    /** Whether a host of the transport URL has a non-empty password shorter than {@link #MIN_PASSWORD_LENGTH}. */
    static boolean hasShortPassword(RpcOptions messaging) {
        return messaging.transportUrl().hosts().stream().map(TransportUrl.Host::password)
                .anyMatch(pw -> pw != null && !pw.isEmpty() && pw.length() < MIN_PASSWORD_LENGTH);
    }

    /** The messaging options when some host is reached through its agent. */
    public Optional<RpcOptions> agents() {
        return Optional.ofNullable(messaging);
    }

    /** The broker as the report names it: the transport URL with every password masked; empty without agents. */
    public Optional<String> broker() {
        return agents().map(m -> m.transportUrl().toString());
    }

    /**
     * {@code text} with the broker's passwords masked, as given and percent-encoded: the last guard for what a
     * daemon's message might echo (the library's own messages never name them). Every non-empty password is masked:
     * none is shorter than {@link #MIN_PASSWORD_LENGTH}.
     */
    public String redact(String text) {
        if (text == null || messaging == null) {
            return text;
        }
        String out = text;
        for (TransportUrl.Host h : messaging.transportUrl().hosts()) {
            String pw = h.password();
            if (pw != null && !pw.isEmpty()) {
                out = out.replace(pw, "***").replace(URLEncoder.encode(pw, StandardCharsets.UTF_8), "***");
            }
        }
        return out;
    }

    /** Both hosts, host1 first. */
    public List<SiteHost> hosts() {
        return List.of(host1, host2);
    }

    /** The other host of the two. */
    public SiteHost other(SiteHost host) {
        return host.equals(host1) ? host2 : host1;
    }

    /**
     * {@code host}'s nova.conf as its operator would write it for this site: the options the driver reads, with
     * the migration and VNC addresses of the host. Only for a host reached at its libvirtd: an agent's host has its
     * own nova.conf.
     *
     * @throws IllegalArgumentException for a host reached through its agent
     */
    public String novaConf(SiteHost host) {
        if (host.agent()) {
            throw new IllegalArgumentException(host.name() + " is reached through its agent, which reads its own "
                    + "nova.conf");
        }
        return String.join("\n",
                "[DEFAULT]",
                "host = " + host.name(),
                "instances_path = " + host.instancesPath(),
                "[libvirt]",
                "virt_type = " + virtType,
                "connection_uri = " + host.uri(),
                "images_type = rbd",
                "images_rbd_pool = " + pool,
                "images_rbd_ceph_conf = " + cephConf,
                "rbd_user = " + user,
                "rbd_secret_uuid = " + secretUuid,
                "disk_cachemodes = network=" + cacheMode.name().toLowerCase(Locale.ROOT),
                "live_migration_inbound_addr = " + host.address(),
                "[vnc]",
                "server_listen = " + host.address(),
                "");
    }
}
