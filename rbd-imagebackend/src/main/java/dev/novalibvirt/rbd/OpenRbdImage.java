package dev.novalibvirt.rbd;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.novalibvirt.rbd.jna.Errno;
import dev.novalibvirt.rbd.jna.LibRbd;
import dev.novalibvirt.rbd.rados.NativeCalls;
import dev.novalibvirt.rbd.rados.RadosConnection;
import dev.novalibvirt.rbd.rados.RbdError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image held open (read-write) through our JNA binding: watchers, managed-lock owners and advisory locks.
 * While open, this client is itself a watcher of the image. Close it (try-with-resources); the owning
 * {@link RbdDriver} also closes it before shutting down its connection.
 *
 * <p>Not meant for bulk I/O; methods are synchronized because librbd image handles are not documented as
 * safe for concurrent calls. The image holds a lease on its connection from open to close, so the librados
 * client under it is never shut down while it is open; after {@link #close()} every method throws
 * {@link RbdError.ConnectionClosed} without a native call.
 */
public final class OpenRbdImage implements AutoCloseable {

    private static final LibRbd RBD = LibRbd.INSTANCE;

    private final RbdDriver driver;
    private final Rbd rbd;
    private final RbdImage image;
    private final String pool;
    private final String name;
    private final RadosConnection.Lease lease;
    private boolean closed;

    OpenRbdImage(RbdDriver driver, Rbd rbd, RbdImage image, String pool, String name, RadosConnection.Lease lease) {
        this.driver = driver;
        this.rbd = rbd;
        this.image = image;
        this.pool = pool;
        this.name = name;
        this.lease = lease;
    }

    /** {@code pool/name}. */
    public String spec() {
        return pool + "/" + name;
    }

    /** The clients watching the image ({@code rbd_watchers_list}), this one included. */
    public synchronized List<Watcher> watchers() {
        return NativeCalls.serially(() -> watchers(handle(), spec()));
    }

    static List<Watcher> watchers(Pointer img, String spec) {
        int size = new LibRbd.ImageWatcher().size();
        long max = 8;
        for (int round = 0; round < 5; round++) {
            Memory mem = new Memory(size * max);
            mem.clear();
            LongByReference n = new LongByReference(max);
            int rc = RBD.rbd_watchers_list(img, mem, n);
            if (rc == -Errno.ERANGE) {
                max = Math.max(n.getValue(), max * 2);
                continue;
            }
            check(rc, "list watchers of " + spec);
            long count = n.getValue();
            List<Watcher> out = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    LibRbd.ImageWatcher w = new LibRbd.ImageWatcher(mem.share((long) i * size));
                    w.read();
                    out.add(new Watcher(LibRbdStrings.of(w.addr), w.id, w.cookie));
                }
            } finally {
                RBD.rbd_watchers_list_cleanup(mem, count);
            }
            return List.copyOf(out);
        }
        throw RbdError.of("list watchers of " + spec, -Errno.ERANGE, null);
    }

    /** The managed-lock owners ({@code rbd_lock_get_owners}); empty when nobody holds the lock. */
    public synchronized List<LockOwner> lockOwners() {
        return NativeCalls.serially(() -> lockOwners(handle(), spec()));
    }

    static List<LockOwner> lockOwners(Pointer img, String spec) {
        int max = 8;
        for (int round = 0; round < 5; round++) {
            Pointer[] owners = new Pointer[max];
            IntByReference mode = new IntByReference();
            LongByReference n = new LongByReference(max);
            int rc = RBD.rbd_lock_get_owners(img, mode, owners, n);
            if (rc == -Errno.ENOENT) {
                return List.of();
            }
            if (rc == -Errno.ERANGE) {
                max = (int) Math.max(n.getValue(), max * 2L);
                continue;
            }
            check(rc, "get lock owners of " + spec);
            int count = (int) n.getValue();
            List<LockOwner> out = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    out.add(new LockOwner(LibRbdStrings.of(owners[i]), mode.getValue() == LibRbd.RBD_LOCK_MODE_EXCLUSIVE));
                }
            } finally {
                RBD.rbd_lock_get_owners_cleanup(owners, count);
            }
            return List.copyOf(out);
        }
        throw RbdError.of("get lock owners of " + spec, -Errno.ERANGE, null);
    }

    /** Whether this client owns the exclusive lock ({@code rbd_is_exclusive_lock_owner}). */
    public synchronized boolean isExclusiveLockOwner() {
        IntByReference owner = new IntByReference();
        NativeCalls.serially(() -> {
            check(RBD.rbd_is_exclusive_lock_owner(handle(), owner), "query lock owner of " + spec());
            return null;
        });
        return owner.getValue() != 0;
    }

    /** Acquires the managed exclusive lock ({@code rbd_lock_acquire}); needs the exclusive-lock feature. */
    public synchronized void acquireExclusiveLock() {
        NativeCalls.serially(() -> {
            check(RBD.rbd_lock_acquire(handle(), LibRbd.RBD_LOCK_MODE_EXCLUSIVE), "acquire exclusive lock of " + spec());
            return null;
        });
    }

    /** Releases the managed lock ({@code rbd_lock_release}). */
    public synchronized void releaseLock() {
        NativeCalls.serially(() -> {
            check(RBD.rbd_lock_release(handle()), "release lock of " + spec());
            return null;
        });
    }

    /** Breaks another client's managed exclusive lock ({@code rbd_lock_break}). */
    public synchronized void breakExclusiveLock(String owner) {
        NativeCalls.serially(() -> {
            check(RBD.rbd_lock_break(handle(), LibRbd.RBD_LOCK_MODE_EXCLUSIVE, owner), "break lock of " + spec());
            return null;
        });
    }

    /** Takes an advisory exclusive lock with a cookie ({@code rbd_lock_exclusive}; {@code rbd lock add}). */
    public synchronized void lockExclusive(String cookie) {
        NativeCalls.serially(() -> {
            check(RBD.rbd_lock_exclusive(handle(), cookie), "advisory lock of " + spec());
            return null;
        });
    }

    /** Takes an advisory shared lock ({@code rbd_lock_shared}). */
    public synchronized void lockShared(String cookie, String tag) {
        NativeCalls.serially(() -> {
            check(RBD.rbd_lock_shared(handle(), cookie, tag), "advisory shared lock of " + spec());
            return null;
        });
    }

    /** Releases this client's advisory lock ({@code rbd_unlock}). */
    public synchronized void unlock(String cookie) {
        NativeCalls.serially(() -> {
            check(RBD.rbd_unlock(handle(), cookie), "advisory unlock of " + spec());
            return null;
        });
    }

    /** Breaks someone's advisory lock ({@code rbd_break_lock}; {@code rbd lock rm}). */
    public synchronized void breakLock(String client, String cookie) {
        NativeCalls.serially(() -> {
            check(RBD.rbd_break_lock(handle(), client, cookie), "break advisory lock of " + spec());
            return null;
        });
    }

    /** The advisory lockers ({@code rbd_list_lockers}; {@code rbd lock ls}). */
    public synchronized Lockers lockers() {
        return NativeCalls.serially(() -> lockers(handle(), spec()));
    }

    static Lockers lockers(Pointer img, String spec) {
        long cap = 256;
        for (int round = 0; round < 5; round++) {
            byte[] tag = new byte[(int) cap];
            byte[] clients = new byte[(int) cap];
            byte[] cookies = new byte[(int) cap];
            byte[] addrs = new byte[(int) cap];
            LongByReference tagLen = new LongByReference(cap);
            LongByReference clientsLen = new LongByReference(cap);
            LongByReference cookiesLen = new LongByReference(cap);
            LongByReference addrsLen = new LongByReference(cap);
            IntByReference exclusive = new IntByReference();
            long rc = RBD.rbd_list_lockers(img, exclusive, tag, tagLen, clients, clientsLen, cookies, cookiesLen,
                    addrs, addrsLen);
            if (rc == -Errno.ERANGE) {
                cap = Math.max(cap * 2, Math.max(Math.max(tagLen.getValue(), clientsLen.getValue()),
                        Math.max(cookiesLen.getValue(), addrsLen.getValue())));
                continue;
            }
            check((int) rc, "list advisory lockers of " + spec);
            if (rc == 0) {
                return Lockers.none();
            }
            List<String> c = LibRbd.splitNulSeparated(clients, (int) clientsLen.getValue());
            List<String> k = LibRbd.splitNulSeparated(cookies, (int) cookiesLen.getValue());
            List<String> a = LibRbd.splitNulSeparated(addrs, (int) addrsLen.getValue());
            List<Locker> out = new ArrayList<>();
            for (int i = 0; i < rc && i < c.size(); i++) {
                out.add(new Locker(c.get(i), i < k.size() ? k.get(i) : "", i < a.size() ? a.get(i) : ""));
            }
            String t = Native.toString(tag);
            return new Lockers(exclusive.getValue() != 0, t, out);
        }
        throw RbdError.of("list advisory lockers of " + spec, -Errno.ERANGE, null);
    }

    /** Whether a snapshot exists. */
    public synchronized boolean snapshotExists(String snapshot) {
        IntByReference exists = new IntByReference();
        NativeCalls.serially(() -> {
            check(RBD.rbd_snap_exists(handle(), RbdNames.snapshot(snapshot), exists), "query snapshot of " + spec());
            return null;
        });
        return exists.getValue() != 0;
    }

    /** Closes the image (and its watch). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.forget(this);
        try {
            NativeCalls.serially(() -> {
                rbd.close(image);
                return null;
            });
        } catch (RbdException e) {
            throw RbdError.of("close " + spec(), e.getReturnValue(), null);
        } finally {
            lease.close();
        }
    }

    /** Closes without unregistering (the driver is shutting down); errors are moot then. */
    synchronized void closeForShutdown() {
        if (!closed) {
            closed = true;
            try {
                NativeCalls.serially(() -> {
                    rbd.close(image);
                    return null;
                });
            } catch (RbdException e) {
                // the connection goes down once this lease ends anyway
            } finally {
                lease.close();
            }
        }
    }

    private Pointer handle() {
        if (closed) {
            throw new RbdError.ConnectionClosed(spec() + " is closed");
        }
        return image.getPointer();
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw RbdError.of(what, rc, null);
        }
    }

    /** C string helper kept out of the public API. */
    static final class LibRbdStrings {
        static String of(Pointer p) {
            return Optional.ofNullable(p).map(x -> x.getString(0, "UTF-8")).orElse("");
        }
    }
}
