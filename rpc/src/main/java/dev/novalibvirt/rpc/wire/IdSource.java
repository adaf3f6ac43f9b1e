package dev.novalibvirt.rpc.wire;

import java.util.UUID;

/** Where message, reply-queue and unique ids come from; injected so tests get fixed ids. */
@FunctionalInterface
public interface IdSource {
    /** A new id in oslo's form, {@code uuid.uuid4().hex} (32 lowercase hex digits). */
    String next();

    static IdSource random() {
        return () -> UUID.randomUUID().toString().replace("-", "");
    }
}
