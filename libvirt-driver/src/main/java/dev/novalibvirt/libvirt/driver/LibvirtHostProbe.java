package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostProbe;
import dev.novalibvirt.migration.task.truth.HostView;
import java.util.Optional;

/**
 * What recovery asks one libvirtd ({@code MigrationRecovery}), over the {@link Host} and {@link Guest} ports: where
 * the domain runs, whether it is persistent, whether a job is active. Any libvirt failure makes the host
 * unreachable for this look, so recovery changes nothing it cannot see.
 */
public final class LibvirtHostProbe implements HostProbe {
    private final String hostName;
    private final Host host;

    public LibvirtHostProbe(String hostName, Host host) {
        this.hostName = hostName;
        this.host = host;
    }

    /** The probe of a driver's own host. */
    public static LibvirtHostProbe of(LibvirtDriver driver) {
        return new LibvirtHostProbe(driver.host(), driver.libvirtHost());
    }

    @Override
    public HostView view(String domainName) {
        try {
            Optional<Guest> g = host.findGuest(domainName);
            if (g.isEmpty()) {
                return HostView.of(hostName, DomainPresence.ABSENT, false, false);
            }
            Guest guest = g.get();
            PowerState state = guest.info().state();
            DomainPresence p = state == PowerState.RUNNING ? DomainPresence.RUNNING
                    : state == PowerState.PAUSED ? DomainPresence.PAUSED : DomainPresence.DEFINED;
            JobState job = guest.jobState();
            boolean active = job == JobState.BOUNDED || job == JobState.UNBOUNDED;
            return HostView.of(hostName, p, guest.isPersistent(), active);
        } catch (InstanceNotFound e) {
            return HostView.of(hostName, DomainPresence.ABSENT, false, false); // vanished while we looked
        } catch (RuntimeException e) {
            return HostView.unreachable(hostName, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void resume(String domainName) {
        host.guest(domainName).resume();
    }

    @Override
    public void persist(String domainName) {
        Guest g = host.guest(domainName);
        host.define(domainName, g.xml(Guest.XML_SECURE));
    }

    @Override
    public void powerOff(String domainName) {
        host.findGuest(domainName).ifPresent(Guest::poweroff);
    }
}
