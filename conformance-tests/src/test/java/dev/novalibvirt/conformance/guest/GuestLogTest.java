package dev.novalibvirt.conformance.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The busy guest's serial stream read across hosts: continuous counters pass, anything else is named. */
class GuestLogTest {
    private static final String BOOT = "busyguest init: vda present, 1024 MiB\r\n"
            + "io: /dev/vda opened, counter on disk 0\r\n";

    private static String hb(long n) {
        return "hb=" + n + " up=" + n + ".0 passes=0 dirty=0MiB/s io_ok=" + n + " io_err=0 io_busy_ms=0\r\n";
    }

    @Test
    void aGuestWhoseHeartbeatAndDiskCounterCountOnAcrossAMigrationHasNoProblem() {
        GuestLog log = new GuestLog();
        log.feed(BOOT + "io=1 OK\r\n" + hb(1) + "io=2 OK\r\n" + hb(2));   // source's console.log
        log.feed("io=3 OK\r\n" + hb(3) + "io=4 OK\r\n");                   // destination's

        assertThat(log.problems()).isEmpty();
        assertThat(log.lastHeartbeat()).isEqualTo(3);
        assertThat(log.lastIoOk()).isEqualTo(4);
    }

    @Test
    void aLineSplitBetweenTheSourcesTailAndTheDestinationsLogIsReadOnceWhole() {
        GuestLog log = new GuestLog();
        log.feed(BOOT + "io=1 OK\r\n" + hb(1) + "io=");   // the switch-over stopped the guest mid-line
        assertThat(log.lastIoOk()).isEqualTo(1);

        log.feed("2 OK\r\n" + hb(2));

        assertThat(log.problems()).isEmpty();
        assertThat(log.lastIoOk()).isEqualTo(2);
        assertThat(log.lastHeartbeat()).isEqualTo(2);
    }

    @Test
    void aLostWriteShowsAsAGapAndASecondWriterAsAStepBack() {
        GuestLog log = new GuestLog();
        log.feed(BOOT + "io=1 OK\n" + "io=2 OK\n" + "io=4 OK\n" + "io=3 OK\n");

        assertThat(log.problems()).containsExactly("disk counter has a gap: 2 -> 4",
                "disk counter stepped back: 4 -> 3");
        assertThat(log.problemCount()).isEqualTo(2);
    }

    @Test
    void aHeartbeatThatStartsAgainAndADiskErrorAndASecondBootAreProblems() {
        GuestLog log = new GuestLog();
        log.feed(BOOT + hb(1) + hb(2) + "io=1 ERR write: Input/output error\n" + BOOT + hb(1));

        assertThat(log.problems()).containsExactly("disk I/O error: io=1 ERR write: Input/output error",
                "the guest booted again: io: /dev/vda opened, counter on disk 0",
                "heartbeat stepped back: 2 -> 1");
        assertThat(log.lastIoOk()).as("no write read back correctly yet").isEqualTo(-1);
    }

    @Test
    void keepsTheFirstProblemsWordForWordAndCountsTheRest() {
        GuestLog log = new GuestLog();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            s.append("io=").append(i * 2).append(" OK\n");
        }
        log.feed(s.toString());

        assertThat(log.problemCount()).isEqualTo(29);
        assertThat(log.problems()).hasSize(20).first().isEqualTo("disk counter has a gap: 0 -> 2");
    }
}
