package dev.novalibvirt.conformance.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    @Test
    void printsAnAlignedTableAndTheResultLineLast() {
        BenchReport r = new BenchReport("xml", "case", "ours ms", "ratio");
        r.row("parse", 1.25, 0.041).row("write big domain", 12.0, 1.5);
        r.result("parse_ratio", 0.041).result("cases", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        r.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).containsExactly(
                "== xml ==",
                "case              ours ms  ratio",
                "----------------  -------  -----",
                "parse                1.25  0.041",
                "write big domain       12    1.5",
                "RESULT xml parse_ratio=0.041 cases=2");
    }

    @Test
    void refusesWhatWouldBreakTheResultLine() {
        BenchReport r = new BenchReport("lab", "a");
        assertThatThrownBy(() -> r.result("two words", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.result("k", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.row(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchReport("Has Space")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesGiveMinMedianMax() throws Exception {
        Samples s = new Samples().add(3).add(1).add(2).add(10);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.max()).isEqualTo(10);
        assertThat(s.count()).isEqualTo(4);
    }
}
