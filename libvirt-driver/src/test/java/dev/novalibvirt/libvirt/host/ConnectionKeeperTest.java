package dev.novalibvirt.libvirt.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.libvirt.jna.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A libvirtd restart as the host's connection sees it (issue 11): the call in flight fails typed, the next call
 * reconnects and the callbacks are registered on the new connection; attempts at a dead daemon are spaced out.
 */
class ConnectionKeeperTest {
    /** A daemon that can be up or down; each open gives a new connection named after its generation. */
    private static final class FakeDaemon {
        boolean up = true;
        int opens;
        final List<String> closed = new ArrayList<>();

        String open(long generation) {
            opens++;
            if (!up) {
                throw new IllegalStateException("Failed to connect socket: Connection refused");
            }
            return "conn-" + generation;
        }
    }

    private final FakeDaemon daemon = new FakeDaemon();
    private long now;
    private final List<Long> slept = new ArrayList<>();
    private final List<String> registeredOn = new ArrayList<>();
    private final ConnectionKeeper<String> keeper = new ConnectionKeeper<>("qemu+tcp://198.18.0.11/system",
            daemon::open, daemon.closed::add, new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10)),
            () -> now, d -> {
                slept.add(d.toMillis());
                now += d.toNanos();
            });

    ConnectionKeeperTest() {
        keeper.addListener((c, gen) -> registeredOn.add(c));
    }

    @Test
    void libvirtdRestartsTheCallInFlightFailsTypedAndTheNextCallReconnectsAndReRegisters() {
        ConnectionKeeper.Connection<String> first = keeper.connection();
        assertThat(first.handle()).isEqualTo("conn-1");

        keeper.lost(first.generation(), "libvirt closed it (EOF)"); // the close callback, mid-call
        daemon.up = false;
        assertThatThrownBy(keeper::connection).isInstanceOf(HypervisorUnavailable.class)
                .hasMessageContaining("cannot connect");
        daemon.up = true;
        now += Duration.ofMillis(250).toNanos();

        assertThat(keeper.connection().handle()).isEqualTo("conn-2");
        assertThat(registeredOn).containsExactly("conn-1", "conn-2");
        assertThat(daemon.closed).as("the broken handle is closed by the reconnecting thread").containsExactly("conn-1");
        assertThat(keeper.state()).isEqualTo(ConnectionKeeper.State.CONNECTED);
    }

    @Test
    void whileTheDaemonIsDownAttemptsFollowTheBackoffAndCallersFailAtOnceInBetween() {
        keeper.lost(keeper.connection().generation(), "keepalive timeout");
        daemon.up = false;
        List<Long> attemptsAtMs = new ArrayList<>();
        for (int ms = 0; ms <= 2000; ms += 50) {
            now = Duration.ofMillis(ms).toNanos();
            int before = daemon.opens;
            assertThatThrownBy(keeper::connection).isInstanceOf(HypervisorUnavailable.class);
            if (daemon.opens > before) {
                attemptsAtMs.add((long) ms);
            }
        }
        // due at once, then 250, 500, 1000 ms apart: a dead daemon is not hammered, nobody sleeps in a call
        assertThat(attemptsAtMs).containsExactly(0L, 250L, 750L, 1750L);
        assertThat(slept).isEmpty();
    }

    @Test
    void aLateCloseNoticeOfTheOldConnectionDoesNotDropTheNewOne() {
        long old = keeper.connection().generation();
        keeper.lost(old, "EOF");
        ConnectionKeeper.Connection<String> fresh = keeper.connection();
        keeper.lost(old, "EOF, delivered late by the event loop");
        assertThat(keeper.connection()).isEqualTo(fresh);
        assertThat(daemon.opens).isEqualTo(2);
    }

    @Test
    void awaitReconnectsWithinTheDeadlineWhenTheDaemonComesBack() throws InterruptedException {
        daemon.up = false;
        // the restarted daemon listens again 600 ms later
        ConnectionKeeper.Sleeper restartAfter600ms = d -> {
            now += d.toNanos();
            daemon.up = now >= Duration.ofMillis(600).toNanos();
        };
        ConnectionKeeper<String> k = new ConnectionKeeper<>("x", daemon::open, c -> { },
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10)), () -> now, restartAfter600ms);
        k.addListener((c, gen) -> registeredOn.add(c));
        assertThat(k.await(Duration.ofSeconds(30)).handle()).isEqualTo("conn-1");
        assertThat(Duration.ofNanos(now).toMillis()).as("attempts at 0, 250 and 750 ms").isEqualTo(750);
        assertThat(registeredOn).endsWith("conn-1");
    }

    @Test
    void awaitGivesUpAtItsDeadlineWhenTheDaemonNeverComesBack() {
        keeper.lost(keeper.connection().generation(), "EOF");
        daemon.up = false;
        long start = now;
        assertThatThrownBy(() -> keeper.await(Duration.ofSeconds(5))).isInstanceOf(HypervisorUnavailable.class)
                .hasMessageContaining("not back within 5000 ms");
        assertThat(Duration.ofNanos(now - start)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aClosedKeeperNeverReconnects() {
        keeper.connection();
        keeper.close();
        assertThatThrownBy(keeper::connection).isInstanceOf(HypervisorUnavailable.class).hasMessageContaining("closed");
        assertThat(daemon.opens).isEqualTo(1);
        assertThat(daemon.closed).containsExactly("conn-1");
    }
}
