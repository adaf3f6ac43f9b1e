package dev.novalibvirt.conformance.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.LibvirtException;

/**
 * A virsh case's remaining memory over time, for the plot: {@code virDomainGetJobInfo} of the source domain every
 * half second while {@code virsh migrate} runs (the library's cases have the monitor's events instead). Samples are
 * {@code {seconds since start, memory remaining in bytes}}, only while a job runs.
 */
final class JobSampler implements AutoCloseable {
    private static final long PERIOD_MS = 500;
    private static final int VIR_DOMAIN_JOB_NONE = 0;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-job-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<double[]> samples = new ArrayList<>();
    private final long t0 = System.nanoTime();

    private JobSampler(Connect source, String domain) {
        timer.scheduleAtFixedRate(() -> sample(source, domain), 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    static JobSampler start(Connect source, String domain) {
        return new JobSampler(source, domain);
    }

    private void sample(Connect source, String domain) {
        try {
            Domain d = source.domainLookupByName(domain);
            DomainJobInfo job = d.getJobInfo();
            if (job.getType() != VIR_DOMAIN_JOB_NONE) {
                synchronized (samples) {
                    samples.add(new double[] {(System.nanoTime() - t0) / 1e9, job.getMemRemaining()});
                }
            }
        } catch (LibvirtException e) {
            // the domain left the source (the migration completed): nothing more to sample
        }
    }

    List<double[]> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
