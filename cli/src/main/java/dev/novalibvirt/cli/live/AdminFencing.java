package dev.novalibvirt.cli.live;

import dev.novalibvirt.cli.port.Fencing;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import dev.novalibvirt.rbd.fence.HostFencer;
import dev.novalibvirt.rbd.fence.MonCommand;
import java.time.Duration;
import java.util.List;

/** {@link Fencing} with rbd fence's {@link HostFencer}, over a librados client of the admin identity. */
final class AdminFencing implements Fencing {
    private final RbdDriver admin;
    private final HostFencer fencer;

    AdminFencing(RbdDriver admin) {
        this.admin = admin;
        this.fencer = new HostFencer(new CephBlocklist(MonCommand.of(admin.monCommands())));
    }

    @Override
    public String fenceHost(String ip, Duration expiry) {
        return fencer.fenceHost(ip, expiry);
    }

    @Override
    public List<String> unfenceHost(String ip) {
        return fencer.unfenceHost(ip);
    }

    @Override
    public void close() {
        admin.close();
    }
}
