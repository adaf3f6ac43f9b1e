package dev.novalibvirt.rbd.fence;

import java.util.List;

/** Who has an RBD image open: its watchers and exclusive-lock owner, excluding the probe's own client. */
@FunctionalInterface
public interface ImageHolderProbe {
    /** @throws FenceException when the image cannot be inspected (a missing image has no holders) */
    List<ImageHolder> holders(String pool, String image);
}
