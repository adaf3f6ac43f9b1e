package dev.novalibvirt.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBackendsTest {

    /** A stand-in that only answers images_type: the registry logic is pure. */
    record Named(String imagesType) implements ImageBackend {
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return false; }
        @Override public boolean isFileInInstancePath() { return true; }
        @Override public boolean supportsClone() { return false; }
        @Override public List<String> cleanupInstanceDisks(String instanceUuid) { return List.of(); }
        @Override public void close() { }
    }

    @Test
    void picksTheBackendByImagesTypeWithFlatAsAliasOfRaw() {
        Named rbd = new Named("rbd");
        Named raw = new Named("raw");
        ImageBackends backends = ImageBackends.of(rbd, raw);
        assertThat(backends.forImagesType("rbd")).isSameAs(rbd);
        assertThat(backends.forImagesType("RBD")).isSameAs(rbd);
        assertThat(backends.forImagesType("flat")).isSameAs(raw);
    }

    @Test
    void unknownImagesTypeIsAConfigurationError() {
        ImageBackends backends = ImageBackends.of(new Named("rbd"));
        assertThatThrownBy(() -> backends.forImagesType("lvm")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lvm");
        assertThatThrownBy(() -> backends.forImagesType(null)).isInstanceOf(InvalidInput.class);
    }
}
