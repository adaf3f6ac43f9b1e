package dev.novalibvirt.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceDiskTest {

    static final String UUID = "0b4e4f0e-6a8b-4c55-9d0e-1234567890ab";

    @Test
    void novaDiskNamesAreAccepted() {
        for (String name : new String[] {"disk", "disk.local", "disk.swap", "disk.config", "disk.eph0", "disk.rescue"}) {
            assertThat(new InstanceDisk(UUID, name).diskName()).isEqualTo(name);
        }
        assertThat(InstanceDisk.root(UUID).diskName()).isEqualTo("disk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../disk", "disk/../x", "a/b", "disk@snap", "..", ".disk", "disk..x", "disk name", "",
        "disk\n"})
    void diskNamesWithPathTricksAreRefused(String name) {
        assertThatThrownBy(() -> new InstanceDisk(UUID, name)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0B4E4F0E-6A8B-4C55-9D0E-1234567890AB", "0b4e4f0e", "0b4e4f0e-6a8b-4c55-9d0e-1234567890ab_",
        "0b4e4f0e6a8b4c559d0e1234567890ab", "../4e4f0e-6a8b-4c55-9d0e-1234567890ab", " 0b4e4f0e-6a8b-4c55-9d0e-1234567890ab"})
    void malformedUuidsAreRefused(String uuid) {
        assertThatThrownBy(() -> InstanceDisk.requireInstanceUuid(uuid)).isInstanceOf(InvalidInput.class);
        assertThat(InstanceDisk.isInstanceUuid(uuid)).isFalse();
    }
}
