package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.rbd.RbdDisk;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.RbdLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a typed exception, and nothing is created or removed. */
@ExtendWith(LabExtension.class)
@Timeout(120)
class RbdBadInputIT {

    static final long MIB = 1024 * 1024;

    final RbdLab lab;

    RbdBadInputIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    RbdImageBackend backend;
    RbdDriver driver;
    String uuid = RbdLab.freshUuid();
    /** A neighbour's image that no refused call may touch (other sessions share the pools, so no full diff). */
    String canary = RbdLab.freshUuid() + "_disk";

    @BeforeEach
    void createCanary() {
        backend = new RbdImageBackend(lab.driver(), Optional.empty());
        driver = backend.driver();
        driver.create("vms", canary, MIB);
    }

    @AfterEach
    void nothingWasCreatedOrRemoved() {
        try {
            List<String> vms = driver.list("vms");
            assertThat(vms).contains(canary);
            assertThat(vms).noneMatch(n -> n.startsWith(uuid) || n.contains("victim"));
            assertThat(driver.exists("images", lab.get("BASE_IMAGE_ID"), lab.get("BASE_IMAGE_SNAP"))).isTrue();
        } finally {
            driver.cleanupInstance("vms", uuid);
            driver.destroyVolume("vms", canary);
            backend.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://glance/images/x", "rbd://fsid/images/img", "rbd://fsid/images/img/snap/x",
        "rbd:///images/img/snap", "rbd://d5e88152-b3f0-45e6-8671-8a474c0a2ce1/images/..%2Fvms%2Fx/snap",
        "rbd://d5e88152-b3f0-45e6-8671-8a474c0a2ce1/images/img%40snap/snap"})
    void malformedLocationsAreUnacceptableAndCreateNothing(String url) {
        assertThatThrownBy(() -> RbdLocation.parse(url)).isInstanceOf(ImageUnacceptable.class);
        assertThat(driver.isCloneable(url, "raw")).isFalse();
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        assertThatThrownBy(() -> disk.create(new ImageSource.Location(url, "raw"), 128 * MIB))
                .isInstanceOf(ImageUnacceptable.class);
    }

    @Test
    void aCloneableLocationOfTheWrongFormatOrAnotherClusterIsRefused() {
        String base = lab.baseLocation();
        assertThat(driver.isCloneable(base, "raw")).isTrue();
        assertThat(driver.isCloneable(base, "qcow2")).isFalse();
        assertThat(driver.isCloneable(base.replace(lab.get("CEPH_FSID"), "00000000-0000-4000-8000-000000000000"), "raw"))
                .isFalse();
        assertThat(driver.isCloneable(base.replace("/snap", "/nosuchsnap"), "raw")).isFalse();
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        assertThatThrownBy(() -> disk.create(new ImageSource.Location(base, "qcow2"), 128 * MIB))
                .isInstanceOf(ImageUnacceptable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../vms/victim", "a/b", "img@snap", "..", "", "-x"})
    void namesWithPathTricksAreRefused(String name) {
        assertThatThrownBy(() -> driver.create("vms", name, MIB)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> driver.destroyVolume("vms", name)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> driver.exists("vms", name)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> driver.importFile(Path.of(lab.get("BASE_IMAGE_RAW")), "vms", name))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> driver.createSnapshot("vms", uuid + "_disk", name, false))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new InstanceDisk(uuid, name)).isInstanceOf(InvalidInput.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -4096})
    void zeroAndNegativeSizesAreRefused(long size) {
        assertThatThrownBy(() -> driver.create("vms", uuid + "_disk", size)).isInstanceOf(InvalidInput.class);
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        assertThatThrownBy(() -> disk.create(new ImageSource.Blank(), size)).isInstanceOf(InvalidInput.class);
        if (size < 0) { // 0 with an image is its own size: zeroSizeClonesAtTheImagesOwnSize
            assertThatThrownBy(() -> disk.create(new ImageSource.Location(lab.baseLocation(), "raw"), size))
                    .isInstanceOf(InvalidInput.class);
        }
    }

    /** Not bad input: Nova's root_gb 0 (size None) keeps the image's size. Removed here, as the check wants. */
    @Test
    void zeroSizeClonesAtTheImagesOwnSize() {
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        try {
            disk.create(new ImageSource.Location(lab.baseLocation(), "raw"), 0);
            assertThat(disk.size()).isEqualTo(Long.parseLong(lab.get("BASE_IMAGE_SIZE")));
            assertThat(disk.parent()).isPresent();
        } finally {
            disk.remove();
        }
    }

    @Test
    void aShrinkingResizeIsRefusedAndLeavesTheSize() {
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        disk.create(new ImageSource.Blank(), 64 * MIB);
        assertThatThrownBy(() -> disk.resize(32 * MIB)).isInstanceOf(ResizeError.class);
        assertThatThrownBy(() -> disk.resize(-1)).isInstanceOf(InvalidInput.class);
        assertThat(disk.size()).isEqualTo(64 * MIB);
        disk.remove();
    }

    @Test
    void aSourceLargerThanTheRequestedSizeIsRefusedBeforeCloning() {
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        assertThatThrownBy(() -> disk.create(new ImageSource.Location(lab.baseLocation(), "raw"), MIB))
                .isInstanceOf(ResizeError.class);
        assertThat(disk.exists()).isFalse();
    }

    @Test
    void importOfAMissingFileIsRefused() {
        RbdDisk disk = backend.image(InstanceDisk.root(uuid));
        assertThatThrownBy(() -> disk.create(new ImageSource.LocalFile(Path.of("/nonexistent/base.raw")), 128 * MIB))
                .isInstanceOf(InvalidInput.class);
    }
}
