package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.migration.evacuate.EvacuationStorage;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.FenceException;
import dev.novalibvirt.rbd.fence.HostFencer;
import dev.novalibvirt.rbd.fence.ImageHolder;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The RBD side of {@code HostEvacuation}: a host is fenced when every one of its IP addresses is on the OSD
 * blocklist as a whole ({@code IP:0/0}, {@link HostFencer#fenceHost}); a guest may be rebuilt when its root disk
 * {@code <pool>/<uuid>_disk} exists and the fence package's {@link DiskGuard} ({@link StartPurpose#EVACUATE}) finds
 * no live, unfenced holder. A volume-backed guest has no image-backend disk to check (its Cinder volumes are not
 * this port's).
 *
 * <p>Fencing is an operator's decision: build it on a Ceph identity that may change the blocklist ({@code
 * client.admin} or a user with {@code osd blocklist} caps; {@code profile rbd} may add entries, not remove them).
 */
public final class RbdEvacuationStorage implements EvacuationStorage {
    private final HostFencer fencer;
    private final CephBlocklist blocklist;
    private final DiskGuard guard;
    private final BiPredicate<String, String> imageExists;
    private final String pool;
    private final Function<String, List<String>> addresses;
    private final Duration expiry;

    /**
     * @param fencer      adds and removes the host's blocklist entries
     * @param blocklist   reads the blocklist
     * @param guard       who holds a disk, fenced or not
     * @param imageExists whether {@code pool, image} exists
     * @param pool        nova.conf's {@code [libvirt] images_rbd_pool}
     * @param addresses   a host name's IP addresses, as its Ceph clients connect from (at least one)
     * @param expiry      how long a fence entry lasts (Ceph's default is one hour)
     */
    public RbdEvacuationStorage(HostFencer fencer, CephBlocklist blocklist, DiskGuard guard,
                                BiPredicate<String, String> imageExists, String pool,
                                Function<String, List<String>> addresses, Duration expiry) {
        this.fencer = Objects.requireNonNull(fencer, "fencer");
        this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.imageExists = Objects.requireNonNull(imageExists, "imageExists");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
    }

    /** Everything through one connection of the fencing identity ({@code admin}). */
    public static RbdEvacuationStorage of(RbdDriver admin, String pool, Function<String, List<String>> addresses,
                                          Duration expiry) {
        CephBlocklist blocklist = new CephBlocklist(MonCommand.of(admin.monCommands()));
        return new RbdEvacuationStorage(new HostFencer(blocklist), blocklist,
                new DiskGuard(new RbdImageHolderProbe(admin), blocklist::list), admin::exists, pool, addresses,
                expiry);
    }

    @Override
    public boolean isFenced(String host) {
        List<CephBlocklist.Entry> entries = blocklist.list();
        return ips(host).stream().allMatch(ip -> CephBlocklist.isFenced(entries, CephBlocklist.wholeHost(ip)));
    }

    @Override
    public List<String> fence(String host) {
        List<String> added = new ArrayList<>();
        for (String ip : ips(host)) {
            added.add(fencer.fenceHost(ip, expiry));
        }
        return List.copyOf(added);
    }

    @Override
    public List<String> checkCanRebuild(Instance instance) {
        if (instance.isVolumeBacked()) {
            return List.of();
        }
        String image = RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid()));
        if (!imageExists.test(pool, image)) {
            throw new DiskNotFound(pool + "/" + image + " (instance " + instance.uuid()
                    + "; an evacuation rebuilds from the existing disk, never a new one)");
        }
        DiskGuard.Verdict verdict = guard.checkCanStart(instance.name(), StartPurpose.EVACUATE,
                List.of(new DiskGuard.GuardedImage(pool, image)));
        return verdict.fencedHolders().stream().map(ImageHolder::toString).toList();
    }

    @Override
    public List<String> unfence(String host) {
        List<String> removed = new ArrayList<>();
        for (String ip : ips(host)) {
            removed.addAll(fencer.unfenceHost(ip));
        }
        return List.copyOf(removed);
    }

    private List<String> ips(String host) {
        List<String> ips = addresses.apply(host);
        if (ips == null || ips.isEmpty()) {
            throw new FenceException("no IP address known for host " + host + "; its Ceph clients cannot be fenced");
        }
        return ips;
    }
}
