package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.MigrationDrivers;
import dev.novalibvirt.cli.port.MigrationEnds;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;

/**
 * The two drivers of a migration as {@link RbdLibvirt} assembles them, each from its host's nova.conf and reached
 * at the URI given (as the examples module does). The source's monitor reports to the listener.
 */
final class LiveMigrationDrivers implements MigrationDrivers {
    private final RbdLibvirtDriver source;
    private final RbdLibvirtDriver destination;

    private LiveMigrationDrivers(RbdLibvirtDriver source, RbdLibvirtDriver destination) {
        this.source = source;
        this.destination = destination;
    }

    static LiveMigrationDrivers open(MigrationEnds ends, MigrationListener listener, ComponentVersion cephVersion) {
        RbdLibvirtDriver source = RbdLibvirt.builder(ends.sourceConfig()).connect(ends.sourceUri())
                .cephVersion(cephVersion).migrationListener(listener).build();
        try {
            return new LiveMigrationDrivers(source, RbdLibvirt.builder(ends.destinationConfig())
                    .connect(ends.destinationUri()).cephVersion(cephVersion).build());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public ComputeDriver source() {
        return source.driver();
    }

    @Override
    public ComputeDriver destination() {
        return destination.driver();
    }

    @Override
    public void close() {
        try {
            destination.close();
        } finally {
            source.close();
        }
    }
}
