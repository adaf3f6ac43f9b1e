package dev.novalibvirt.libvirt.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.monitor.DirtyRateSample;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;

/** libvirt's VIR_DOMAIN_STATS_DIRTYRATE group, as virsh domstats --dirtyrate prints it, read as a sample. */
class DirtyRateCalcTest {

    @Test
    void aFinishedPageSamplingCalculationReadsAsMeasured() {
        TypedParameter[] stats = {
            new TypedIntParameter("dirtyrate.calc_status", 2),
            new TypedLongParameter("dirtyrate.calc_start_time", 502_814),
            new TypedIntParameter("dirtyrate.calc_period", 1),
            new TypedLongParameter("dirtyrate.megabytes_per_second", 400),
            new TypedStringParameter("dirtyrate.calc_mode", "page-sampling"),
        };
        DirtyRateSample s = DirtyRateCalc.map(stats);
        assertThat(s.status()).isEqualTo(DirtyRateSample.Status.MEASURED);
        assertThat(s.mibPerSec()).isEqualTo(400);
        assertThat(s.bytesPerSec()).isEqualTo(400L << 20);
        assertThat(s.periodSeconds()).isEqualTo(1);
        assertThat(s.mode()).isEqualTo("page-sampling");
        assertThat(s).hasToString("400 MiB/s over 1 s (page-sampling)");
    }

    @Test
    void aRunningCalculationHasNoFigureYet() {
        DirtyRateSample s = DirtyRateCalc.map(new TypedParameter[] {
            new TypedIntParameter("dirtyrate.calc_status", 1),
            new TypedIntParameter("dirtyrate.calc_period", 1),
        });
        assertThat(s.status()).isEqualTo(DirtyRateSample.Status.MEASURING);
        assertThat(s.mibPerSec()).isZero();
    }

    @Test
    void unstartedAndMissingStatusesAreTold() {
        assertThat(DirtyRateCalc.map(new TypedParameter[] {new TypedIntParameter("dirtyrate.calc_status", 0)})
                .status()).isEqualTo(DirtyRateSample.Status.UNSTARTED);
        // NOWAIT may leave the group out while another query holds the job: ask again, do not give up
        assertThat(DirtyRateCalc.map(new TypedParameter[0]).status()).isEqualTo(DirtyRateSample.Status.MEASURING);
        assertThat(DirtyRateCalc.map(null).status()).isEqualTo(DirtyRateSample.Status.MEASURING);
    }
}
