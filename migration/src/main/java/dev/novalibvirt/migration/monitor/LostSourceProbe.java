package dev.novalibvirt.migration.monitor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the monitor asks when the source libvirtd went away mid-job ({@link SourceUnreachable}): whether it is
 * back, and whether the guest runs on the destination. Implementations never throw and never block for long
 * (the monitor calls {@link #reconnect()} once per pass until its deadline).
 */
public interface LostSourceProbe {
    /** No reconnect: the first unreachable source ends the monitor with the exception (the behaviour before). */
    LostSourceProbe NONE = new LostSourceProbe() {
        @Override
        public boolean reconnect() {
            return false;
        }

        @Override
        public Optional<GuestState> destinationState() {
            return Optional.empty();
        }
    };

    /** One reconnect attempt; true when the source answers again (the guest's calls then work on it). */
    boolean reconnect();

    /**
     * The guest's domain state on the destination ({@link GuestState#GONE} when it has none); empty when the
     * destination cannot say. Running and paused differ: a paused incoming domain was not handed over.
     */
    Optional<GuestState> destinationState();

    /**
     * A probe and how long the source may stay away.
     *
     * @param probe    asks the hosts
     * @param deadline from the first failed call; past it with the source still away, the outcome is unknown
     */
    record Policy(LostSourceProbe probe, Duration deadline) {
        /** Gives up at the first failed call, as Nova does. */
        public static final Policy NONE = new Policy(LostSourceProbe.NONE, Duration.ZERO);

        public Policy {
            Objects.requireNonNull(probe, "probe");
            if (deadline.isNegative()) {
                throw new IllegalArgumentException("deadline must be >= 0, got " + deadline);
            }
        }

        boolean enabled() {
            return probe != LostSourceProbe.NONE;
        }
    }
}
