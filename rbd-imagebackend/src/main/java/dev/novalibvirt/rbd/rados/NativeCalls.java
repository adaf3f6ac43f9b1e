package dev.novalibvirt.rbd.rados;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One librados/librbd call at a time in this process. librbd 16.2.15, used by several threads of one process at
 * once, aborts it ({@code terminate called after throwing an instance of 'std::system_error' what(): Invalid
 * argument}, thrown in a librados {@code io_context_pool} thread), corrupts its heap or never returns from an
 * open. Ceph's own python bindings do the same (8 threads on one client: 3 of 4 runs died), so the defect is
 * librbd's, not our binding's. Serialising our calls makes the soak ({@code ./lab bench soak}) clean, but it
 * does not remove the defect: a CI run aborted the same way (in a librados {@code io_context_pool} thread) with
 * one call in flight, so librbd's own asynchronous work on librados' two io threads races too. A single io
 * thread ({@code librados_thread_count = 1}) hides it but deadlocks {@code rbd_snap_unprotect}, which waits on
 * that thread from inside it.
 *
 * <p>Fair and reentrant (a call may nest another, e.g. clone opens its parent). The cost: a slow call (an
 * import, a flatten) delays the others; calls are bounded by the op timeouts of {@link CephClientConfig}.
 */
public final class NativeCalls {

    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private NativeCalls() {
    }

    /** A call that may throw a checked exception of type {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code call} holding the process' native-call lock. */
    public static <T, E extends Exception> T serially(Call<T, E> call) throws E {
        LOCK.lock();
        try {
            return call.run();
        } finally {
            LOCK.unlock();
        }
    }
}
