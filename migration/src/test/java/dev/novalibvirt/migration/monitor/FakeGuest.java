package dev.novalibvirt.migration.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A scripted source domain: job statistics handed out in order (the last one repeats), calls recorded. */
final class FakeGuest implements MigrationGuest {
    final Deque<JobInfo> jobs = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    GuestState state = GuestState.RUNNING;
    boolean failStateLookup;
    boolean failSetDowntime;
    boolean failPostCopy;
    boolean failAbort;
    /** libvirt has no job yet: this many abort calls answer "no job is active". */
    int noJobYet;
    JobInfo current = JobInfo.of(JobType.NONE);
    /** The source libvirtd is away: every call throws {@link SourceUnreachable}. */
    boolean unreachable;
    /** Dirty-rate samples handed out in order (the last one repeats); none = not measured. */
    final Deque<DirtyRateSample> dirtyRates = new ArrayDeque<>();
    DirtyRateSample currentDirtyRate = DirtyRateSample.unavailable("no dirty-rate calculation was started");
    int dirtyRateLooks;
    /** Runs inside each {@link #jobInfo()} call first (e.g. a clock moved: libvirt made the call wait). */
    Runnable duringJobInfo = () -> { };

    /** The dirty-rate calculation says these, one per look. */
    FakeGuest dirtyRates(DirtyRateSample... samples) {
        dirtyRates.addAll(List.of(samples));
        return this;
    }

    FakeGuest then(JobInfo... infos) {
        jobs.addAll(List.of(infos));
        return this;
    }

    @Override
    public String name() {
        return "guest-1";
    }

    @Override
    public JobInfo jobInfo() {
        duringJobInfo.run();
        if (unreachable) {
            throw new SourceUnreachable("guest-1: virDomainGetJobStats: End of file while reading data", null);
        }
        if (!jobs.isEmpty()) {
            current = jobs.poll();
        }
        return current;
    }

    @Override
    public GuestState state() {
        if (unreachable) {
            throw new SourceUnreachable("guest-1: virDomainGetState: client socket is closed", null);
        }
        if (failStateLookup) {
            throw new MigrationGuestException("internal error");
        }
        return state;
    }

    @Override
    public void setMaxDowntime(long ms) {
        calls.add("setMaxDowntime " + ms);
        if (failSetDowntime) {
            throw new MigrationGuestException("Failed to set downtime");
        }
    }

    @Override
    public void startPostCopy() {
        calls.add("startPostCopy");
        if (failPostCopy) {
            throw new MigrationGuestException("post-copy not enabled");
        }
    }

    @Override
    public void pause() {
        calls.add("pause");
        state = GuestState.PAUSED;
    }

    @Override
    public void resume() {
        calls.add("resume");
        state = GuestState.RUNNING;
    }

    @Override
    public void abortJob() {
        calls.add("abortJob");
        if (noJobYet > 0) {
            noJobYet--;
            throw new MigrationGuestException("virDomainAbortJob: Requested operation is not valid: no job is active "
                    + "on the domain", null);
        }
        if (failAbort) {
            throw new MigrationGuestException("virDomainAbortJob: operation not valid", null);
        }
        jobs.clear();
        current = JobInfo.of(JobType.CANCELLED);
    }

    @Override
    public DirtyRateSample dirtyRate() {
        dirtyRateLooks++;
        if (!dirtyRates.isEmpty()) {
            currentDirtyRate = dirtyRates.poll();
        }
        return currentDirtyRate;
    }

    List<String> callsStartingWith(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }
}
