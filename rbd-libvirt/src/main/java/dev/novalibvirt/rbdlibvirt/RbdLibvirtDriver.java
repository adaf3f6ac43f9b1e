package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.util.List;
import java.util.Objects;

/**
 * A compute host's {@link LibvirtDriver} with what it uses and does not close itself: its {@link RbdImageBackend}
 * (open images, the librados client). Built by {@link RbdLibvirt}; closing it closes both, the driver first.
 */
public final class RbdLibvirtDriver implements AutoCloseable {
    private final LibvirtDriver driver;
    private final RbdImageBackend imageBackend;

    RbdLibvirtDriver(LibvirtDriver driver, RbdImageBackend imageBackend) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.imageBackend = Objects.requireNonNull(imageBackend, "imageBackend");
    }

    /** The compute driver (Nova's contract); it owns its Host. */
    public LibvirtDriver driver() {
        return driver;
    }

    /** The RBD backend the driver writes its disks with. */
    public RbdImageBackend imageBackend() {
        return imageBackend;
    }

    /**
     * Closes the driver (its migrations' executor and its libvirt connection), then the image backend, which the
     * driver may use until it is closed. Libvirt's event loop stays: it is the process's, shared by every Host.
     */
    @Override
    public void close() {
        Closing.inOrder(List.of(driver, imageBackend));
    }
}
