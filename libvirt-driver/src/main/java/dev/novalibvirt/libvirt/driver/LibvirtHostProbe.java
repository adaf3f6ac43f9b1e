package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recovery asks one libvirtd ({@code MigrationRecovery}), over the {@link Host} and {@link Guest} ports: where
 * the domain runs, whether it is persistent, libvirt's job type, and, when it knows the host's instances_path,
 * whether the instance dir exists. Any libvirt failure makes the host unreachable for this look, so recovery
 * changes nothing it cannot see. An agent serves it to its controller (rpc's recovery probe).
 */
public final class LibvirtHostProbe implements HostProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHostProbe.class);
    private final String hostName;
    private final Host host;
    private final InstanceDirs dirs;

    /** A probe that does not look at the filesystem (the dir reads {@link InstanceDir#UNKNOWN}). */
    public LibvirtHostProbe(String hostName, Host host) {
        this(hostName, host, null);
    }

    /** @param dirs the host's instances_path, or null when this process cannot see that host's filesystem */
    public LibvirtHostProbe(String hostName, Host host, InstanceDirs dirs) {
        this.hostName = hostName;
        this.host = host;
        this.dirs = dirs;
    }

    /** The probe of a driver's own host, with its instances_path. */
    public static LibvirtHostProbe of(LibvirtDriver driver) {
        return new LibvirtHostProbe(driver.host(), driver.libvirtHost(), driver.instanceDirs());
    }

    @Override
    public HostView view(Instance instance) {
        try {
            Optional<Guest> g = host.findGuest(instance.name());
            if (g.isEmpty()) {
                return HostView.of(hostName, DomainPresence.ABSENT, false, JobType.NONE, dir(instance));
            }
            Guest guest = g.get();
            PowerState state = guest.info().state();
            DomainPresence p = state == PowerState.RUNNING ? DomainPresence.RUNNING
                    : state == PowerState.PAUSED ? DomainPresence.PAUSED : DomainPresence.DEFINED;
            JobType job = jobType(guest.jobState());
            return HostView.of(hostName, p, guest.isPersistent(), job, dir(instance));
        } catch (InstanceNotFound e) {
            // vanished while we looked
            return HostView.of(hostName, DomainPresence.ABSENT, false, JobType.NONE, dir(instance));
        } catch (RuntimeException e) {
            return HostView.unreachable(hostName, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static JobType jobType(JobState s) {
        return switch (s) {
            case NONE -> JobType.NONE;
            case BOUNDED -> JobType.BOUNDED;
            case UNBOUNDED -> JobType.UNBOUNDED;
            case COMPLETED -> JobType.COMPLETED;
            case FAILED -> JobType.FAILED;
            case CANCELLED -> JobType.CANCELLED;
        };
    }

    private InstanceDir dir(Instance instance) {
        if (dirs == null) {
            return InstanceDir.UNKNOWN;
        }
        try {
            return dirs.exists(instance.uuid()) ? InstanceDir.PRESENT : InstanceDir.ABSENT;
        } catch (RuntimeException e) {
            // a dir that resolves outside instances_path (a planted symlink) is not ours to judge here
            LOG.warn("instance dir of {} on {} cannot be judged: {}", instance.uuid(), hostName, e.getMessage());
            return InstanceDir.UNKNOWN;
        }
    }

    @Override
    public void resume(Instance instance) {
        host.guest(instance.name()).resume();
    }

    @Override
    public void persist(Instance instance) {
        Guest g = host.guest(instance.name());
        host.define(instance.name(), g.xml(Guest.XML_SECURE));
    }

    @Override
    public void powerOff(Instance instance) {
        host.findGuest(instance.name()).ifPresent(Guest::poweroff);
    }
}
