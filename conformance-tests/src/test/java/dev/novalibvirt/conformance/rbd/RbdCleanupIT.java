package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cleanupInstanceDisks removes exactly one instance's images: never a neighbour's, never on a bad uuid. */
@ExtendWith(LabExtension.class)
@Timeout(180)
class RbdCleanupIT {

    final RbdLab lab;

    RbdCleanupIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    static final long MIB = 1024 * 1024;

    @Test
    void cleanupOfInstanceXLeavesInstanceYIncludingAPrefixSharingUuid() {
        String x = RbdLab.freshUuid();
        // Y shares all but the last hex digit with X; Z is X's uuid plus a suffix without the '_' separator.
        String y = x.substring(0, 35) + (x.charAt(35) == '0' ? '1' : '0');
        List<String> xImages = List.of(x + "_disk", x + "_disk.local", x + "_disk.config");
        List<String> others = List.of(y + "_disk", y + "_disk.local", x + "0_disk", x + "-backup");
        try (RbdImageBackend backend = new RbdImageBackend(lab.driver(), Optional.empty())) {
            RbdDriver driver = backend.driver();
            try {
                for (String n : xImages) {
                    driver.create("vms", n, MIB);
                }
                for (String n : others) {
                    driver.create("vms", n, MIB);
                }
                List<String> removed = backend.cleanupInstanceDisks(x);
                assertThat(removed).containsExactlyInAnyOrderElementsOf(xImages);
                List<String> left = driver.list("vms");
                assertThat(left).doesNotContainAnyElementsOf(xImages).containsAll(others);
                assertThat(backend.cleanupInstanceDisks(x)).as("idempotent").isEmpty();
            } finally {
                for (String n : others) {
                    driver.destroyVolume("vms", n);
                }
                for (String n : xImages) {
                    driver.destroyVolume("vms", n);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0", "0b4e4f0e", "0B4E4F0E-6A8B-4C55-9D0E-1234567890AB", "*", ".*",
        "0b4e4f0e-6a8b-4c55-9d0e-1234567890ab_", "../vms"})
    void emptyOrMalformedUuidsAreRefusedAndNothingIsRemoved(String uuid) {
        try (RbdImageBackend backend = new RbdImageBackend(lab.driver(), Optional.empty())) {
            List<String> before = backend.driver().list("vms");
            assertThatThrownBy(() -> backend.cleanupInstanceDisks(uuid)).isInstanceOf(InvalidInput.class);
            assertThat(backend.driver().list("vms")).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void nullUuidIsRefused() {
        try (RbdImageBackend backend = new RbdImageBackend(lab.driver(), Optional.empty())) {
            assertThatThrownBy(() -> backend.cleanupInstanceDisks(null)).isInstanceOf(InvalidInput.class);
        }
    }
}
