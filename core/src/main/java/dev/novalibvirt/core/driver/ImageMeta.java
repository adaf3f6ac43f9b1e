package dev.novalibvirt.core.driver;

import java.util.Objects;

/**
 * The parts of Nova's {@code ImageMeta} spawn needs: which Glance image, its disk format and (with Glance's
 * {@code show_multiple_locations}) its direct location, e.g. {@code rbd://<fsid>/images/<id>/snap}, which the RBD
 * backend clones copy-on-write.
 *
 * @param id         Glance image id
 * @param diskFormat e.g. {@code raw}
 * @param location   direct location, or null when only the id is known
 */
public record ImageMeta(String id, String diskFormat, String location) {
    public ImageMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(diskFormat, "diskFormat");
    }
}
