package dev.novalibvirt.conformance.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench's measurements become chart lines, and the chart a PNG. */
class ProgressPlotTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    static MigrationEvent.Progress progress(long atMs, long remainingMib) {
        return new MigrationEvent.Progress("busy", atMs, 512 * MIB, (512 - remainingMib) * MIB, remainingMib * MIB,
                12 * MIB, 100 * MIB, 1, 50, 3.0, 30, false);
    }

    @Test
    void aMigrationsProgressEventsBecomeRemainingMemoryInMibOverSeconds() {
        Series s = ProgressSeries.remainingMemory("nova defaults", List.of(progress(500, 480), progress(1500, 200),
                progress(2500, 12)));
        assertThat(s.points()).containsExactly(new Series.Point(0.5, 480), new Series.Point(1.5, 200),
                new Series.Point(2.5, 12));
        assertThat(ProgressSeries.remainingMemorySamples("virsh plain", List.of(new double[] {1.0, 256.0 * MIB}))
                .points()).containsExactly(new Series.Point(1.0, 256));
    }

    @Test
    void aDrainsGuestEndsBecomeAStepOfGuestsDone() {
        Series s = ProgressSeries.guestsDone("cap 2", List.of(4.0, 2.0, 5.5));
        assertThat(s.points()).containsExactly(new Series.Point(0, 0), new Series.Point(2, 0), new Series.Point(2, 1),
                new Series.Point(4, 1), new Series.Point(4, 2), new Series.Point(5.5, 2), new Series.Point(5.5, 3));
    }

    @Test
    void aCaseWithoutPointsIsLeftOutOfTheChart() {
        Chart chart = new Chart("converge", "time (s)", "remaining (MiB)", List.of(
                ProgressSeries.remainingMemory("virsh plain", List.of()),
                ProgressSeries.remainingMemory("policy", List.of(progress(500, 100)))));
        assertThat(chart.series()).extracting(Series::label).containsExactly("policy");
        assertThat(new Chart("t", "x", "y", List.of()).isEmpty()).isTrue();
    }

    @Test
    void theChartIsWrittenAsAPngOfItsSize() throws Exception {
        Chart chart = new Chart("converge: remaining memory", "time (s)", "remaining (MiB)", List.of(
                ProgressSeries.remainingMemory("nova defaults", List.of(progress(500, 480), progress(1500, 300))),
                ProgressSeries.remainingMemory("policy", List.of(progress(500, 470), progress(1000, 90)))));
        Path png = ChartFile.png(chart, dir.resolve("plots/converge.png"));

        assertThat(png).isRegularFile();
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(540);
        assertThatThrownBy(() -> ChartFile.png(chart, dir.resolve("converge.svg")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartFile.png(new Chart("t", "x", "y", List.of()), dir.resolve("e.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
