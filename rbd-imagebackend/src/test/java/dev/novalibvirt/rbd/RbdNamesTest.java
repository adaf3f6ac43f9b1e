package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RbdNamesTest {

    @Test
    void novaStyleNamesAreAccepted() {
        assertThat(RbdNames.image("0b4e4f0e-6a8b-4c55-9d0e-1234567890ab_disk.local"))
                .isEqualTo("0b4e4f0e-6a8b-4c55-9d0e-1234567890ab_disk.local");
        assertThat(RbdNames.pool("vms")).isEqualTo("vms");
        assertThat(RbdNames.snapshot("nova-resize")).isEqualTo("nova-resize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../vms/x", "a/b", "img@snap", "..", "", " img", "img\u0000", "-leading", ".hidden"})
    void pathTricksAreRefused(String name) {
        assertThatThrownBy(() -> RbdNames.image(name)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RbdNames.snapshot(name)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> RbdNames.pool(null)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void nonPositiveSizesAreRefused(long size) {
        assertThatThrownBy(() -> RbdNames.size(size)).isInstanceOf(InvalidInput.class);
    }
}
