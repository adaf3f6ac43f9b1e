package dev.novalibvirt.rbd.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * The librbd C functions we call directly (signatures from {@code include/rbd/librbd.h}, Ceph 16). All
 * return 0 or a negative errno unless noted. {@code size_t} is mapped to {@code long} (LP64 only).
 */
public interface LibRbd extends Library {

    /** Loaded once; JNA resolves the versioned {@code librbd.so.1} without the -dev symlink. */
    LibRbd INSTANCE = Native.load("rbd", LibRbd.class);

    int RBD_LOCK_MODE_EXCLUSIVE = 0;
    int RBD_LOCK_MODE_SHARED = 1;

    /*
     * Structures filled by librbd keep char* as Pointer, never String: JNA would otherwise write its own
     * copies back before the *_cleanup call and librbd would free memory it does not own.
     */

    /** {@code rbd_linked_image_spec_t}. */
    @Structure.FieldOrder({"pool_id", "pool_name", "pool_namespace", "image_id", "image_name", "trash"})
    class LinkedImageSpec extends Structure {
        public long pool_id;
        public Pointer pool_name;
        public Pointer pool_namespace;
        public Pointer image_id;
        public Pointer image_name;
        public byte trash;
    }

    /** {@code rbd_snap_spec_t}. */
    @Structure.FieldOrder({"id", "namespace_type", "name"})
    class SnapSpec extends Structure {
        public long id;
        public int namespace_type;
        public Pointer name;
    }

    /** {@code rbd_image_watcher_t}. */
    @Structure.FieldOrder({"addr", "id", "cookie"})
    class ImageWatcher extends Structure {
        public Pointer addr;
        public long id;
        public long cookie;

        public ImageWatcher() {
        }

        public ImageWatcher(Pointer p) {
            super(p);
        }
    }

    int rbd_get_parent(Pointer image, LinkedImageSpec parentImage, SnapSpec parentSnap);

    void rbd_linked_image_spec_cleanup(LinkedImageSpec image);

    void rbd_snap_spec_cleanup(SnapSpec snap);

    int rbd_get_features(Pointer image, LongByReference features);

    int rbd_get_size(Pointer image, LongByReference size);

    int rbd_watchers_list(Pointer image, Pointer watchers, LongByReference maxWatchers);

    void rbd_watchers_list_cleanup(Pointer watchers, long numWatchers);

    int rbd_is_exclusive_lock_owner(Pointer image, IntByReference isOwner);

    int rbd_lock_acquire(Pointer image, int lockMode);

    int rbd_lock_release(Pointer image);

    int rbd_lock_get_owners(Pointer image, IntByReference lockMode, Pointer[] lockOwners, LongByReference maxLockOwners);

    void rbd_lock_get_owners_cleanup(Pointer[] lockOwners, long lockOwnerCount);

    int rbd_lock_break(Pointer image, int lockMode, String lockOwner);

    /** Returns the number of lockers, or -ERANGE with the needed lengths written back. */
    long rbd_list_lockers(Pointer image, IntByReference exclusive, byte[] tag, LongByReference tagLen,
                          byte[] clients, LongByReference clientsLen, byte[] cookies, LongByReference cookiesLen,
                          byte[] addrs, LongByReference addrsLen);

    int rbd_lock_exclusive(Pointer image, String cookie);

    int rbd_lock_shared(Pointer image, String cookie, String tag);

    int rbd_unlock(Pointer image, String cookie);

    int rbd_break_lock(Pointer image, String client, String cookie);

    int rbd_snap_exists(Pointer image, String snapName, IntByReference exists);

    /** Synchronous write from a direct buffer; returns bytes written or negative errno. */
    long rbd_write(Pointer image, long ofs, long len, Pointer buf);

    int rbd_aio_create_completion(Pointer cbArg, Pointer callback, PointerByReference completion);

    int rbd_aio_write(Pointer image, long off, long len, Pointer buf, Pointer completion);

    int rbd_aio_wait_for_complete(Pointer completion);

    long rbd_aio_get_return_value(Pointer completion);

    void rbd_aio_release(Pointer completion);

    int rbd_flush(Pointer image);

    int rbd_clone(Pointer parentIoctx, String parentName, String parentSnap, Pointer childIoctx, String childName,
                  long features, IntByReference childOrder);

    /** The in-pool list of images; {@code rbd_list} is deprecated but the simplest NUL-separated form. */
    int rbd_list(Pointer ioctx, byte[] names, LongByReference size);

    /** Reads a C string owned by librbd, null for a null pointer. */
    static String string(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    static List<String> splitNulSeparated(byte[] buf, int len) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == 0) {
                if (i > start) {
                    out.add(new String(buf, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
