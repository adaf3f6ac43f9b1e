package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.cli.conformance.SiteHost;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A host reached at its libvirtd: its driver as {@link RbdLibvirt} assembles it from the nova.conf the config implies
 * ({@link SiteConfig#novaConf}), in this process, never allowed to define a secret; its instance dir is looked for
 * on this machine, as the driver makes it here.
 */
final class LibvirtSiteEnd implements SiteEnd {
    private final SiteHost host;
    private final RbdLibvirtDriver assembled;

    private LibvirtSiteEnd(SiteHost host, RbdLibvirtDriver assembled) {
        this.host = host;
        this.assembled = assembled;
    }

    static LibvirtSiteEnd open(SiteConfig config, SiteHost host, ComponentVersion clientCeph) {
        NovaConfig nova = NovaConfig.parse(config.novaConf(host));
        return new LibvirtSiteEnd(host, RbdLibvirt.builder(nova)
                .rbdConfig(RbdConfig.builder(nova).keyring(config.keyring()).imagesPool(config.imagesPool()).build())
                .connect(host.uri()).cephVersion(clientCeph).build());
    }

    @Override
    public LibvirtDriver driver() {
        return assembled.driver();
    }

    @Override
    public List<String> leftovers(Instance instance) {
        List<String> left = new ArrayList<>();
        LibvirtDriver d = driver();
        if (d.instanceExists(instance)) {
            left.add("domain " + instance.name() + " on " + host.name());
        }
        if (Files.exists(d.instanceDirs().instanceDir(instance.uuid()))) {
            left.add("instance dir " + d.instanceDirs().instanceDir(instance.uuid()) + " of " + host.name());
        }
        return left;
    }

    @Override
    public void purge(Instance instance) {
        LiveConformanceSite.quietly(() -> driver().destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(),
                false, false));
        LiveConformanceSite.quietly(() -> driver().instanceDirs().removeInstanceDir(instance.uuid()));
    }

    @Override
    public void close() {
        assembled.close();
    }
}
