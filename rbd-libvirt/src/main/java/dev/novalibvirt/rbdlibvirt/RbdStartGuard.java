package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.libvirt.lock.StartGuard;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.DiskGuard;
import dev.novalibvirt.rbd.fence.MonCommand;
import dev.novalibvirt.rbd.fence.RbdImageHolderProbe;
import dev.novalibvirt.rbd.fence.StartPurpose;
import java.util.List;

/**
 * The fence package's {@link DiskGuard} as the driver's spawn guard: the RBD disks among the image backend's disk
 * paths ({@code rbd:pool/image[:options]}) are checked for live holders; other paths (files) are not the guard's.
 */
record RbdStartGuard(DiskGuard guard) implements StartGuard {
    private static final String RBD = "rbd:";

    /** Holders and the OSD blocklist through {@code rbd}'s connection, opened only when a spawn is checked. */
    static RbdStartGuard of(RbdDriver rbd) {
        return new RbdStartGuard(new DiskGuard(new RbdImageHolderProbe(rbd),
                () -> new CephBlocklist(MonCommand.of(rbd.monCommands())).list()));
    }

    @Override
    public void checkCanStart(String instanceName, List<String> diskPaths) {
        guard.checkCanStart(instanceName, StartPurpose.SPAWN, images(diskPaths));
    }

    /** The RBD images of {@code diskPaths}, in order. */
    static List<DiskGuard.GuardedImage> images(List<String> diskPaths) {
        return diskPaths.stream().filter(p -> p.startsWith(RBD)).map(RbdStartGuard::image).toList();
    }

    private static DiskGuard.GuardedImage image(String path) {
        String spec = path.substring(RBD.length()).split(":", 2)[0];
        int slash = spec.indexOf('/');
        if (slash <= 0 || slash == spec.length() - 1) {
            // the image backend wrote it: a path the guard cannot read is a bug, and must not let a start through
            throw new InternalError("disk path '" + path + "' is not rbd:pool/image");
        }
        return new DiskGuard.GuardedImage(spec.substring(0, slash), spec.substring(slash + 1));
    }
}
