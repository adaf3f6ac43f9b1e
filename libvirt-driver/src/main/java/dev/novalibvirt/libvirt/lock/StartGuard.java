package dev.novalibvirt.libvirt.lock;

import java.util.List;

/**
 * Consulted by the driver's spawn before a guest is defined and started on this host; refuses by throwing (for
 * RBD disks the embedder wires in the fence package's {@code DiskGuard}, which throws {@code DiskInUse} while
 * another live client holds an image). Never consulted on a live-migration destination.
 */
@FunctionalInterface
public interface StartGuard {
    /** Lets every start through. */
    StartGuard NONE = (instanceName, diskPaths) -> { };

    /**
     * @param instanceName the guest's domain name
     * @param diskPaths    the image backend's paths of its disks (RBD: {@code rbd:pool/image})
     */
    void checkCanStart(String instanceName, List<String> diskPaths);
}
