package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.CephCluster;
import dev.novalibvirt.migration.xml.MonitorAddress;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.MonCommand;
import java.util.List;
import java.util.Optional;

/** {@link CephCluster} over the RBD backend's {@link RbdDriver} (nova.conf's rbd_user). */
final class RbdCephCluster implements CephCluster {
    private final RbdDriver driver;

    RbdCephCluster(RbdDriver driver) {
        this.driver = driver;
    }

    @Override
    public List<MonitorAddress> monitors() {
        return driver.monitorAddresses(driver.config().monProtocol()).stream()
                .map(a -> new MonitorAddress(a.host(), Integer.toString(a.port()))).toList();
    }

    @Override
    public Optional<RbdDriver.Holders> holders(String pool, String image) {
        return driver.holders(pool, image);
    }

    @Override
    public List<LockOwner> lockOwners(String pool, String image) {
        return driver.lockOwners(pool, image);
    }

    @Override
    public List<CephBlocklist.Entry> blocklist() {
        return new CephBlocklist(MonCommand.of(driver.monCommands())).list();
    }

    @Override
    public void close() {
        driver.close();
    }
}
