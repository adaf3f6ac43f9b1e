package dev.novalibvirt.rpc.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the {@code _unique_id}s the agent has taken, so a redelivered or retried message does not run a step
 * twice (oslo's {@code _MsgIdCache}, which only drops duplicates): a duplicate of a running step is dropped, its
 * reply goes out when the step ends; a duplicate of a finished call gets the same reply again, in case the first was
 * lost. Bounded and in memory: it covers broker redeliveries, not an agent restart (the journal's recovery does).
 */
final class ReplayGuard {
    /** What a duplicate finds. {@code replyQueue}/{@code replyBody} are null while running or for a silent cast. */
    record Seen(boolean finished, String replyQueue, String replyBody) {
    }

    private final Map<String, Seen> seen;

    ReplayGuard(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Empty when {@code uniqueId} is new (now marked running) or absent; otherwise what was seen. */
    synchronized Optional<Seen> begin(String uniqueId) {
        if (uniqueId == null) {
            return Optional.empty();
        }
        Seen before = seen.get(uniqueId);
        if (before == null) {
            seen.put(uniqueId, new Seen(false, null, null));
        }
        return Optional.ofNullable(before);
    }

    synchronized void finish(String uniqueId, String replyQueue, String replyBody) {
        if (uniqueId != null) {
            seen.put(uniqueId, new Seen(true, replyQueue, replyBody));
        }
    }
}
