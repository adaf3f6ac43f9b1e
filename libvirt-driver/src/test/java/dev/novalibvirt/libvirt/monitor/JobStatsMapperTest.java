package dev.novalibvirt.libvirt.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;

/** libvirt's job statistics by name, as a post-copy job-completed event on the source carries them. */
class JobStatsMapperTest {

    @Test
    void aPostCopyCompletionEventMapsToJobInfo() {
        TypedParameter[] stats = {
            new TypedIntParameter("operation", 4),
            new TypedUlongParameter("time_elapsed", 5758),
            new TypedUlongParameter("downtime", 4),
            new TypedUlongParameter("data_processed", 874L << 20),
            new TypedUlongParameter("memory_total", 512L << 20),
            new TypedUlongParameter("memory_processed", 870L << 20),
            new TypedUlongParameter("memory_remaining", 0),
            new TypedUlongParameter("memory_bps", 162L << 20),
            new TypedUlongParameter("memory_dirty_rate", 25_500),
            new TypedUlongParameter("memory_page_size", 4096),
            new TypedUlongParameter("memory_iteration", 3),
            new TypedUlongParameter("memory_postcopy_requests", 3375),
            new TypedIntParameter("auto_converge_throttle", 0),
            new TypedStringParameter("errmsg", ""),
        };
        JobInfo info = JobStatsMapper.map(JobType.COMPLETED, stats);
        assertThat(info.type()).isEqualTo(JobType.COMPLETED);
        assertThat(info.timeElapsedMs()).isEqualTo(5758);
        assertThat(info.downtimeMs()).isEqualTo(4);
        assertThat(info.dataProcessed()).isEqualTo(874L << 20);
        assertThat(info.memoryTotal()).isEqualTo(512L << 20);
        assertThat(info.memoryIteration()).isEqualTo(3);
        assertThat(info.memoryPostcopyRequests()).isEqualTo(3375);
        assertThat(info.dirtyBytesPerSec()).isEqualTo(25_500L * 4096);
        assertThat(info.progressPercent()).isEqualTo(100);
    }

    @Test
    void noStatisticsGiveZeros() {
        JobInfo info = JobStatsMapper.map(JobType.NONE, null);
        assertThat(info).isEqualTo(JobInfo.of(JobType.NONE));
    }
}
