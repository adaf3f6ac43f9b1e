package dev.novalibvirt.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixtures' one command runner, on plain local commands: exits, output, a limit that holds, failures named. */
class CommandRunnerTest {
    @Test
    void theExitCodeAndTheMergedOutputComeBack() {
        CommandRunner.Result r = CommandRunner.run(Duration.ofSeconds(10),
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"));

        assertThat(r.ended()).isTrue();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("out\n").contains("err\n");
    }

    @Test
    void theLimitHoldsAndACommandThatOutlivesItDidNotEnd() {
        long t0 = System.nanoTime();
        CommandRunner.Result r = CommandRunner.run(Duration.ofMillis(300), List.of("sleep", "5"));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        assertThat(r.ended()).isFalse();
        assertThat(r.exitCode()).isEqualTo(CommandRunner.Result.NOT_ENDED);
        assertThat(r.output()).isEqualTo("timed out: sleep 5 did not end within 300 ms");
    }

    @Test
    void aDaemonKeepingTheOutputOpenDoesNotHoldTheCaller() {
        // the command ends at once; its child keeps the output open for 2 s (a pipe would be read until then)
        long t0 = System.nanoTime();
        String out = CommandRunner.check(Duration.ofSeconds(10), List.of("sh", "-c", "sleep 2 & echo started"));

        assertThat(out).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1900));
    }

    @Test
    void checkNamesTheCommandItsExitCodeAndOutputOrWhyItDidNotRun() {
        assertThatThrownBy(() -> CommandRunner.check(Duration.ofSeconds(10), List.of("sh", "-c", "echo no; exit 2")))
                .isInstanceOf(IllegalStateException.class).hasMessage("sh -c echo no; exit 2 failed (2):\nno\n");
        assertThatThrownBy(() -> CommandRunner.check(Duration.ofSeconds(10), List.of("/nonexistent/lab-command")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("/nonexistent/lab-command: ");
    }
}
