package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.DrainEnds;
import dev.novalibvirt.cli.port.EvacuationHosts;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.migration.evacuate.EvacuationStorage;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbdlibvirt.RbdEvacuationStorage;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The hosts of an evacuation as {@link RbdLibvirt} assembles them (as {@link LiveDrainDrivers} does for a drain), and
 * {@link RbdEvacuationStorage} over one connection of the admin identity.
 */
final class LiveEvacuationHosts implements EvacuationHosts {
    private final RbdDriver admin;
    private final List<RbdLibvirtDriver> hosts;
    private final EvacuationStorage storage;

    private LiveEvacuationHosts(RbdDriver admin, List<RbdLibvirtDriver> hosts, EvacuationStorage storage) {
        this.admin = admin;
        this.hosts = List.copyOf(hosts);
        this.storage = storage;
    }

    static LiveEvacuationHosts open(List<DrainEnds.Host> hosts, RbdConfig adminConfig, Duration expiry,
                                    Function<String, List<String>> addresses, ComponentVersion cephVersion) {
        RbdDriver admin = new RbdDriver(adminConfig);
        List<RbdLibvirtDriver> opened = new ArrayList<>();
        try {
            for (DrainEnds.Host h : hosts) {
                opened.add(RbdLibvirt.builder(h.config()).connect(h.uri()).cephVersion(cephVersion).build());
            }
            return new LiveEvacuationHosts(admin, opened,
                    RbdEvacuationStorage.of(admin, adminConfig.pool(), addresses, expiry));
        } catch (RuntimeException e) {
            // a host that cannot be reached: close what was opened, nothing else was done
            new LiveEvacuationHosts(admin, opened, null).close();
            throw e;
        }
    }

    @Override
    public List<ComputeDriver> hosts() {
        return hosts.stream().<ComputeDriver>map(RbdLibvirtDriver::driver).toList();
    }

    @Override
    public EvacuationStorage storage() {
        return storage;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (RbdLibvirtDriver d : hosts) {
            try {
                d.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        admin.close();
        if (first != null) {
            throw first;
        }
    }
}
