package dev.novalibvirt.libvirt.monitor;

import dev.novalibvirt.migration.monitor.JobInfo;
import dev.novalibvirt.migration.monitor.JobType;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUintParameter;
import org.libvirt.TypedUlongParameter;

/**
 * libvirt's job statistics ({@code virDomainGetJobStats} or the job-completed event's typed parameters, named
 * {@code VIR_DOMAIN_JOB_*}) as a {@link JobInfo}; what Nova's {@code Guest.get_job_info} builds from
 * {@code jobStats()}.
 */
public final class JobStatsMapper {
    private JobStatsMapper() {
    }

    public static JobInfo map(JobType type, TypedParameter[] params) {
        JobInfo.Builder b = JobInfo.builder(type);
        long memTotal = 0, memProcessed = 0, memRemaining = 0, dataTotal = 0, dataProcessed = 0, dataRemaining = 0;
        long diskTotal = 0, diskProcessed = 0, diskRemaining = 0;
        if (params != null) {
            for (TypedParameter p : params) {
                if (p == null || p.field == null) {
                    continue;
                }
                long v = number(p);
                switch (p.field) {
                    case "time_elapsed" -> b.timeElapsedMs(v);
                    case "time_remaining" -> b.timeRemainingMs(v);
                    case "downtime" -> b.downtimeMs(v);
                    case "setup_time" -> b.setupTimeMs(v);
                    case "data_total" -> dataTotal = v;
                    case "data_processed" -> dataProcessed = v;
                    case "data_remaining" -> dataRemaining = v;
                    case "memory_total" -> memTotal = v;
                    case "memory_processed" -> memProcessed = v;
                    case "memory_remaining" -> memRemaining = v;
                    case "memory_bps" -> b.memoryBps(v);
                    case "memory_dirty_rate" -> b.memoryDirtyRate(v);
                    case "memory_page_size" -> b.memoryPageSize(v);
                    case "memory_iteration" -> b.memoryIteration(v);
                    case "memory_postcopy_requests" -> b.memoryPostcopyRequests(v);
                    case "disk_total" -> diskTotal = v;
                    case "disk_processed" -> diskProcessed = v;
                    case "disk_remaining" -> diskRemaining = v;
                    case "auto_converge_throttle" -> b.autoConvergeThrottle((int) v);
                    case "errmsg" -> b.errorMessage(p instanceof TypedStringParameter s ? s.value : p.getValueAsString());
                    default -> { }
                }
            }
        }
        return b.memory(memTotal, memProcessed, memRemaining).data(dataTotal, dataProcessed, dataRemaining)
                .disk(diskTotal, diskProcessed, diskRemaining).build();
    }

    static long number(TypedParameter p) {
        if (p instanceof TypedUlongParameter u) {
            return u.value;
        }
        if (p instanceof TypedLongParameter l) {
            return l.value;
        }
        if (p instanceof TypedUintParameter u) {
            return Integer.toUnsignedLong(u.value);
        }
        if (p instanceof TypedIntParameter i) {
            return i.value;
        }
        return 0;
    }
}
