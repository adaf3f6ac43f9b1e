package dev.novalibvirt.core.image;

import java.util.Objects;

/** One snapshot of a disk: name, size in bytes at snapshot time, and whether it is protected. */
public record SnapshotInfo(String name, long sizeBytes, boolean isProtected) {
    public SnapshotInfo {
        Objects.requireNonNull(name, "name");
    }
}
