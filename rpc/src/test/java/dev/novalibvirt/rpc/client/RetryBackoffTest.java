package dev.novalibvirt.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The waits between attempts at an undelivered message: doubling, capped, and never past the sender's deadline. */
class RetryBackoffTest {
    private static final Duration PLENTY = Duration.ofMinutes(5);

    @Test
    void waitsDoubleFromAQuarterSecondUpToTwoSeconds() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(a -> RetryBackoff.DEFAULT.next(a, PLENTY).orElseThrow()
                .toMillis()).toList()).containsExactly(250L, 500L, 1000L, 2000L, 2000L, 2000L);
        assertThat(RetryBackoff.DEFAULT.next(Integer.MAX_VALUE, PLENTY)).contains(Duration.ofSeconds(2));
    }

    @Test
    void theLastWaitEndsWhenTheSenderGivesUp() {
        assertThat(RetryBackoff.DEFAULT.next(4, Duration.ofMillis(700))).contains(Duration.ofMillis(700));
    }

    @Test
    void noTimeLeftMeansNoMoreAttempts() {
        assertThat(RetryBackoff.DEFAULT.next(1, Duration.ZERO)).isEqualTo(Optional.empty());
        assertThat(RetryBackoff.DEFAULT.next(1, Duration.ofMillis(-5))).isEmpty();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryBackoff.DEFAULT.next(0, PLENTY)).isInstanceOf(IllegalArgumentException.class);
    }
}
