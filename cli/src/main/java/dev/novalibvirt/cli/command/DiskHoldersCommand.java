package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.port.CephCluster;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.rbd.LockOwner;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.fence.CephBlocklist;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code disk-holders POOL/IMAGE}: who holds an RBD image: its watchers (every client with it open read-write, a
 * running QEMU is one), the owners of its managed (exclusive) lock and its advisory lockers, each watcher and locker
 * marked when the OSD blocklist fences it. What the disk guard asks before a guest is started from the image.
 */
@Command(name = "disk-holders", mixinStandardHelpOptions = true, description = "Show the watchers and lock owners of an RBD image.")
final class DiskHoldersCommand extends CliCommand {
    @Parameters(paramLabel = "POOL/IMAGE", description = "the image; without POOL/, nova.conf's images_rbd_pool")
    String image;

    DiskHoldersCommand(Services services) {
        super(services);
    }

    /** A client watching the image. */
    record Watcher(String address, long clientId, long cookie, boolean fenced) {
    }

    /** An owner of the managed lock ({@code client.4235}). */
    record Owner(String owner, boolean exclusive) {
    }

    /** An advisory (cls) lock holder. */
    record Locker(String client, String cookie, String address, boolean fenced) {
    }

    /** The holders; {@code inUse} when an unfenced watcher or a lock owner exists. */
    record Result(String image, boolean inUse, List<Watcher> watchers, List<Owner> lockOwners,
                  boolean advisoryExclusive, String advisoryTag, List<Locker> advisoryLockers) implements Report {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }

        @Override
        public String toText() {
            StringBuilder sb = new StringBuilder(image).append(": ");
            List<String> by = watchers.stream().filter(w -> !w.fenced()).map(Watcher::address).toList();
            sb.append(inUse ? "in use" + (by.isEmpty() ? "" : " by " + String.join(", ", by)) : "not in use")
                    .append('\n');
            if (!watchers.isEmpty()) {
                Table t = Table.of("WATCHER", "CLIENT", "COOKIE", "FENCED");
                watchers.forEach(w -> t.row(w.address(), "client." + w.clientId(), w.cookie(), w.fenced() ? "yes" : "no"));
                sb.append('\n').append(t.render());
            }
            if (!lockOwners.isEmpty()) {
                Table t = Table.of("LOCK OWNER", "MODE");
                lockOwners.forEach(o -> t.row(o.owner(), o.exclusive() ? "exclusive" : "shared"));
                sb.append('\n').append(t.render());
            }
            if (!advisoryLockers.isEmpty()) {
                Table t = Table.of("ADVISORY LOCKER", "COOKIE", "ADDRESS", "FENCED");
                advisoryLockers.forEach(l -> t.row(l.client(), l.cookie(), l.address(), l.fenced() ? "yes" : "no"));
                sb.append('\n').append(advisoryExclusive ? "advisory lock: exclusive\n"
                        : "advisory lock: shared, tag " + advisoryTag + "\n").append(t.render());
            }
            return sb.toString();
        }
    }

    @Override
    Report execute(CliConfig config) {
        String defaultPool = config.rbd().pool();   // nova.conf must describe an RBD backend before Ceph is asked
        String[] pi = poolAndImage(image, () -> defaultPool);
        try (CephCluster ceph = services.ceph(config)) {
            RbdDriver.Holders holders = ceph.holders(pi[0], pi[1])
                    .orElseThrow(() -> new DiskNotFound(pi[0] + "/" + pi[1]));
            List<LockOwner> owners = ceph.lockOwners(pi[0], pi[1]);
            return result(pi[0] + "/" + pi[1], holders, owners, ceph.blocklist());
        }
    }

    static Result result(String image, RbdDriver.Holders holders, List<LockOwner> owners,
                         List<CephBlocklist.Entry> blocklist) {
        List<Watcher> watchers = new ArrayList<>();
        holders.watchers().forEach(w -> watchers.add(new Watcher(w.address(), w.clientId(), w.cookie(),
                CephBlocklist.isFenced(blocklist, w.address()))));
        List<Locker> lockers = holders.lockers().lockers().stream().map(l -> new Locker(l.client(), l.cookie(),
                l.address(), CephBlocklist.isFenced(blocklist, l.address()))).toList();
        boolean inUse = Stream.concat(watchers.stream().map(Watcher::fenced), lockers.stream().map(Locker::fenced))
                .anyMatch(fenced -> !fenced) || !owners.isEmpty();
        return new Result(image, inUse, List.copyOf(watchers),
                owners.stream().map(o -> new Owner(o.owner(), o.exclusive())).toList(),
                holders.lockers().exclusive(), holders.lockers().tag(), lockers);
    }

    /** {@code POOL/IMAGE}, or {@code IMAGE} in the default pool; anything else is a usage error. */
    static String[] poolAndImage(String spec, Supplier<String> defaultPool) {
        String s = spec == null ? "" : spec.strip();
        String[] parts = s.split("/", -1);
        if (s.isEmpty() || parts.length > 2 || parts[parts.length - 1].isEmpty() || (parts.length == 2 && parts[0].isEmpty())) {
            throw new CliUsageException("expected POOL/IMAGE (or IMAGE in nova.conf's images_rbd_pool), not '" + spec + "'");
        }
        return parts.length == 2 ? parts : new String[] {defaultPool.get(), parts[0]};
    }
}
