package dev.novalibvirt.core.image;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the content of a new disk comes from ({@link Image#create}). Nova's {@code create_image} receives a
 * {@code prepare_template} callback and a cached base file; here the choice is explicit.
 */
public sealed interface ImageSource {

    /**
     * A Glance image by id: the backend looks at its locations and clones a cloneable one
     * ({@code Rbd.clone}), else refuses with {@link dev.novalibvirt.core.exception.ImageUnacceptable}.
     */
    record GlanceImage(String imageId) implements ImageSource {
        public GlanceImage {
            Objects.requireNonNull(imageId, "imageId");
        }
    }

    /**
     * A known image location (for RBD {@code rbd://fsid/pool/image/snap}) and its Glance disk format;
     * cloned when cloneable ({@code RBDDriver.is_cloneable}), else refused.
     */
    record Location(String url, String diskFormat) implements ImageSource {
        public Location {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(diskFormat, "diskFormat");
        }
    }

    /**
     * A local raw file (Nova's cached base in {@code _base}) that is imported, sparsely
     * ({@code RBDDriver.import_image}).
     */
    record LocalFile(Path rawFile) implements ImageSource {
        public LocalFile {
            Objects.requireNonNull(rawFile, "rawFile");
        }
    }

    /** An empty disk of the requested size (ephemeral and swap disks). */
    record Blank() implements ImageSource {
    }
}
