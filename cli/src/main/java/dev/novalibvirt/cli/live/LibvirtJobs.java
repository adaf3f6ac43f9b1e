package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.MigrationJob;
import dev.novalibvirt.cli.port.RunningMigrations;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.libvirt.host.SourceMigrationJob;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * {@link RunningMigrations} over a read-write libvirt-java connection: {@code virDomainGetJobInfo},
 * {@code virDomainAbortJob}, {@code virDomainSuspend}; the domain's state with its reason and the post-copy switch,
 * which libvirt-java 0.5.4 lacks, through libvirt-driver's {@link SourceMigrationJob}.
 */
final class LibvirtJobs implements RunningMigrations {
    /** {@code virDomainJobType}, in libvirt's order. */
    private static final String[] JOB_TYPES = {"NONE", "BOUNDED", "UNBOUNDED", "COMPLETED", "FAILED", "CANCELLED"};

    private final Connect conn;
    private final String uri;

    private LibvirtJobs(Connect conn, String uri) {
        this.conn = conn;
        this.uri = uri;
    }

    static LibvirtJobs open(String uri) {
        LibvirtInventory.quiet();
        try {
            return new LibvirtJobs(new Connect(uri, false), uri);
        } catch (LibvirtException e) {
            throw new InternalError("cannot connect to libvirtd at " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public MigrationJob job(String domain) {
        try {
            DomainJobInfo j = lookup(domain).getJobInfo();
            int t = j.getType();
            return new MigrationJob(domain, t >= 0 && t < JOB_TYPES.length ? JOB_TYPES[t] : "NONE", j.getTimeElapsed(),
                    j.getDataTotal(), j.getDataProcessed(), j.getDataRemaining());
        } catch (LibvirtException e) {
            throw new InternalError("cannot read the job of " + domain + " on " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abortJob(String domain) {
        try {
            lookup(domain).abortJob();
        } catch (LibvirtException e) {
            throw new MigrationError("virDomainAbortJob of " + domain + " on " + uri + " failed: " + e.getMessage());
        }
    }

    @Override
    public void pause(String domain) {
        try {
            lookup(domain).suspend();
        } catch (LibvirtException e) {
            throw new MigrationError("virDomainSuspend of " + domain + " on " + uri + " failed: " + e.getMessage());
        }
    }

    @Override
    public SourceMigrationJob.Phase phase(String domain) {
        return SourceMigrationJob.phase(lookup(domain));
    }

    @Override
    public void startPostCopy(String domain) {
        SourceMigrationJob.startPostCopy(lookup(domain));
    }

    private Domain lookup(String name) {
        try {
            return conn.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw new InstanceNotFound(name, e);
            }
            throw new InternalError("cannot look up domain " + name + " on " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (LibvirtException e) {
            // the connection is gone either way
        }
    }
}
