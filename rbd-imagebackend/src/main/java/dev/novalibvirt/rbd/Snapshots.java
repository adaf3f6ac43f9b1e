package dev.novalibvirt.rbd;

import com.ceph.rbd.jna.RbdSnapInfo;
import dev.novalibvirt.core.exception.SnapshotNotFound;
import dev.novalibvirt.core.image.SnapshotInfo;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots for {@link RbdDriver}: list, create (and protect), remove (unprotecting through {@link RbdCli},
 * since {@code rbd_snap_unprotect} cannot run on our one librados io thread) and roll back.
 */
final class Snapshots {

    private final ImageAccess access;
    private final RbdCli cli;

    Snapshots(ImageAccess access, RbdCli cli) {
        this.access = access;
        this.cli = cli;
    }

    List<SnapshotInfo> list(String pool, String name) {
        return access.readOnly(pool, name, "snapshots of", (rbd, img) -> {
            List<SnapshotInfo> out = new ArrayList<>();
            for (RbdSnapInfo s : img.snapList()) {
                out.add(new SnapshotInfo(s.name, s.size, img.snapIsProtected(s.name)));
            }
            return List.copyOf(out);
        });
    }

    void create(String pool, String name, String snapshot, boolean protect) {
        RbdNames.snapshot(snapshot);
        access.readWrite(pool, name, "snapshot", (rbd, img) -> {
            img.snapCreate(snapshot);
            if (protect) {
                img.snapProtect(snapshot);
            }
            return null;
        });
    }

    void remove(String pool, String name, String snapshot, boolean ignoreErrors, boolean force) {
        RbdNames.snapshot(snapshot);
        String what = pool + "/" + name + "@" + snapshot;
        try {
            Optional<Boolean> isProtected = access.readOnly(pool, name, "snapshots of", (rbd, img) ->
                    img.snapList().stream().anyMatch(s -> snapshot.equals(s.name))
                            ? Optional.of(img.snapIsProtected(snapshot)) : Optional.<Boolean>empty());
            if (isProtected.isEmpty()) {
                if (ignoreErrors) {
                    return;
                }
                throw RbdError.of("remove snapshot " + what, -Errno.ENOENT, null);
            }
            if (isProtected.get()) {
                if (!force) {
                    throw RbdError.of("remove protected snapshot " + what + " without force", -Errno.EBUSY, null);
                }
                cli.snapUnprotect(pool, name, snapshot);   // cannot run on our one io thread: see RbdCli
            }
            access.readWrite(pool, name, "remove snapshot " + snapshot + " of", (rbd, img) -> {
                img.snapRemove(snapshot);
                return null;
            });
        } catch (RbdError.ImageNotFound e) {
            if (!ignoreErrors) {
                throw e;
            }
        }
    }

    void rollback(String pool, String name, String snapshot) {
        RbdNames.snapshot(snapshot);
        access.readWrite(pool, name, "rollback", (rbd, img) -> {
            if (img.snapList().stream().noneMatch(s -> snapshot.equals(s.name))) {
                throw new RadosConnection.TypedIOException(new SnapshotNotFound(pool + "/" + name + "@" + snapshot));
            }
            img.snapRollBack(snapshot);
            return null;
        });
    }
}
