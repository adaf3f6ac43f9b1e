package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code conformance run --config FILE} runs against: the operator's two compute hosts, the Ceph cluster
 * (ceph.conf, the keyring of {@code rbd_user}, the pools, the libvirt secret's uuid) and a Glance base image in RBD.
 * Read and validated by {@link SiteConfigReader}; nothing in it is a secret (the keyring is a path, never read here).
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
 */
public record SiteConfig(Path file, String site, SiteHost host1, SiteHost host2, Path cephConf, Path keyring,
                         String user, String pool, String imagesPool, String secretUuid, String imageId,
                         String imageSnap, String virtType, DiskCacheMode cacheMode, int memoryMib, int rootGb) {
    public SiteConfig {
        Objects.requireNonNull(host1, "host1");
        Objects.requireNonNull(host2, "host2");
        Objects.requireNonNull(cacheMode, "cacheMode");
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
     * the migration and VNC addresses of the host.
     */
    public String novaConf(SiteHost host) {
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
