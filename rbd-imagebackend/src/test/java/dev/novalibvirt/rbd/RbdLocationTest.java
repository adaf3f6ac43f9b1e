package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.ImageUnacceptable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RbdLocationTest {

    static final String FSID = "fde933eb-1f2e-4d6b-9a51-0123456789ab";

    @Test
    void parsesGlanceLocationIntoItsFourParts() {
        RbdLocation loc = RbdLocation.parse("rbd://" + FSID + "/images/0b4e4f0e-6a8b-4c55-9d0e-1234567890ab/snap");
        assertThat(loc).isEqualTo(new RbdLocation(FSID, "images", "0b4e4f0e-6a8b-4c55-9d0e-1234567890ab", "snap"));
    }

    @Test
    void partsArePercentDecodedAndFormattedBack() {
        RbdLocation loc = RbdLocation.parse("rbd://" + FSID + "/images/base%2Bv1/snap");
        assertThat(loc.image()).isEqualTo("base+v1");
        assertThat(RbdLocation.parse(loc.toString())).isEqualTo(loc);
        assertThat(new RbdLocation(FSID, "vms", "x_disk", "snap").toString())
                .isEqualTo("rbd://" + FSID + "/vms/x_disk/snap");
    }

    @Test
    void wrongSchemeIsNotStoredInRbd() {
        assertThatThrownBy(() -> RbdLocation.parse("file:///var/lib/glance/images/x"))
                .isInstanceOf(ImageUnacceptable.class).hasMessageContaining("Not stored in rbd");
        assertThatThrownBy(() -> RbdLocation.parse(null)).isInstanceOf(ImageUnacceptable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rbd://fsid/images/img", "rbd://fsid/images/img/snap/extra", "rbd://fsid"})
    void otherThanFourPartsIsNotASnapshot(String url) {
        assertThatThrownBy(() -> RbdLocation.parse(url)).isInstanceOf(ImageUnacceptable.class)
                .hasMessageContaining("Not an rbd snapshot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rbd:///images/img/snap", "rbd://" + FSID + "//img/snap", "rbd://" + FSID + "/images/img/",
        "rbd://" + FSID + "/images/%20/snap"})
    void blankPartsAreRefused(String url) {
        assertThatThrownBy(() -> RbdLocation.parse(url)).isInstanceOf(ImageUnacceptable.class)
                .hasMessageContaining("Blank components");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rbd://" + FSID + "/images/..%2Fvms%2Fother/snap", "rbd://" + FSID + "/images/img%40s/snap",
        "rbd://" + FSID + "/images/img/sn%2Fap", "rbd://" + FSID + "/images/%ZZ/snap", "rbd://not-a-fsid!/images/img/snap"})
    void encodedPathTricksAreRefused(String url) {
        assertThatThrownBy(() -> RbdLocation.parse(url)).isInstanceOf(ImageUnacceptable.class);
    }
}
