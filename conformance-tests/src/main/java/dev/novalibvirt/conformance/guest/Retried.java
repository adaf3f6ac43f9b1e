package dev.novalibvirt.conformance.guest;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A look at the lab (virsh, rbd) tried again when it throws: a command that times out once on the busy lab is not
 * the guest's failure, one that keeps failing is reported.
 */
public final class Retried {
    private static final int TRIES = 3;
    private static final Duration APART = Duration.ofSeconds(2);

    private Retried() {
    }

    /** {@code look}, up to 3 tries 2 s apart; the last try's exception when every one threw. */
    public static <T> T look(Supplier<T> look) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try {
                return look.get();
            } catch (RuntimeException e) {
                last = e;
                if (attempt < TRIES - 1) {
                    pause();
                }
            }
        }
        throw last;
    }

    /** {@link #look(Supplier)}, with {@code fallback} when every try threw. */
    public static <T> T lookOr(Supplier<T> look, T fallback) {
        try {
            return look(look);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(APART.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
