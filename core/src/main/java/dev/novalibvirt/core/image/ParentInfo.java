package dev.novalibvirt.core.image;

import java.util.Objects;

/**
 * The copy-on-write parent of a cloned disk: pool, image and snapshot; mirrors the tuple returned by Nova's
 * {@code rbd_utils.RBDDriver.parent_info}.
 */
public record ParentInfo(String pool, String image, String snapshot) {
    public ParentInfo {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
