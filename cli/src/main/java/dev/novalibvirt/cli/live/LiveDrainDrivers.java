package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.DrainDrivers;
import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.monitor.MigrationListener;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * The drivers of a drain as {@link RbdLibvirt} assembles them, each from its host's nova.conf and reached at its URI
 * (as {@link LiveMigrationDrivers} does for one migration). The source's monitor reports to the listener.
 */
final class LiveDrainDrivers implements DrainDrivers {
    private final RbdLibvirtDriver source;
    private final List<RbdLibvirtDriver> destinations;

    private LiveDrainDrivers(RbdLibvirtDriver source, List<RbdLibvirtDriver> destinations) {
        this.source = source;
        this.destinations = List.copyOf(destinations);
    }

    static LiveDrainDrivers open(DrainEnds ends, MigrationListener listener, ComponentVersion cephVersion) {
        RbdLibvirtDriver source = RbdLibvirt.builder(ends.source().config()).connect(ends.source().uri())
                .cephVersion(cephVersion).migrationListener(listener).build();
        List<RbdLibvirtDriver> opened = new ArrayList<>();
        try {
            for (DrainEnds.Host d : ends.destinations()) {
                opened.add(RbdLibvirt.builder(d.config()).connect(d.uri()).cephVersion(cephVersion).build());
            }
            return new LiveDrainDrivers(source, opened);
        } catch (RuntimeException e) {
            // a host that cannot be reached: close what was opened, nothing else was done
            closeAll(opened, source);
            throw e;
        }
    }

    @Override
    public ComputeDriver source() {
        return source.driver();
    }

    @Override
    public List<ComputeDriver> destinations() {
        return destinations.stream().<ComputeDriver>map(RbdLibvirtDriver::driver).toList();
    }

    @Override
    public void close() {
        closeAll(destinations, source);
    }

    private static void closeAll(List<RbdLibvirtDriver> destinations, RbdLibvirtDriver source) {
        RuntimeException first = null;
        for (RbdLibvirtDriver d : destinations) {
            try {
                d.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        source.close();
        if (first != null) {
            throw first;
        }
    }
}
