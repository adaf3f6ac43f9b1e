package dev.novalibvirt.rbdlibvirt;

import java.util.List;

/** Closes parts in the order given, each even when an earlier one failed; the first failure is rethrown. */
final class Closing {
    private Closing() {
    }

    static void inOrder(List<? extends AutoCloseable> parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException r ? r
                        : new IllegalStateException("closing " + part.getClass().getSimpleName() + " failed", e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
