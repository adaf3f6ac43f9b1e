package dev.novalibvirt.rbd.rados;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One librados/librbd call at a time in this process. The abort that issue 10 chased (librbd 16.2.15:
 * {@code terminate called after throwing an instance of 'std::system_error' what(): Invalid argument} in a
 * librados {@code io_context_pool} thread) is a use-after-free in librbd's {@code ImageState}: after an action
 * completes, the io thread wakes the waiting caller and then re-locks the ImageState's mutex, which the woken
 * caller may already have freed by closing the image. {@link RadosConnection} removes it with one librados io
 * thread; serialising our calls on top keeps every handle single-owner and made the multi-threaded soak clean
 * before the cause was known (Ceph's python bindings, 8 threads on one client, died in 3 of 4 runs).
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
