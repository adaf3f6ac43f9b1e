package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.output.Table;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.cli.port.Services;
import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.ceph.RbdCachePolicy;
import dev.novalibvirt.core.ceph.RbdCachePrediction;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.core.xml.domain.DiskAuth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cache-check [HOST]}: the effective librbd cache ({@code rbd_cache}, {@code rbd_cache_writethrough_until_flush})
 * of every RBD disk of every guest of a host, predicted by core's {@code RbdCachePolicy} from the disk's cache mode,
 * the ceph.conf its QEMU reads (the disk's {@code <source><config file>}, else nova.conf's
 * {@code images_rbd_ceph_conf}), its cephx user and the QEMU and Ceph versions, with the policy's one-line reason.
 * Running guests are read from their live XML, stopped ones from their definition (what their next boot gets).
 * The ceph.conf files are read on the machine the CLI runs on.
 */
@Command(name = "cache-check", mixinStandardHelpOptions = true, description = "Show the effective librbd cache of every RBD disk of every guest, with the reason.")
final class CacheCheckCommand extends CliCommand {
    @Parameters(arity = "0..1", paramLabel = "HOST", description = "the compute host (default: this one)")
    Optional<String> host = Optional.empty();

    @Option(names = "--connect", paramLabel = "URI", description = "the libvirtd URI, instead of HOST's")
    Optional<String> connect = Optional.empty();

    @Option(names = "--ceph-version", paramLabel = "VERSION",
            description = "the Ceph release of the host's librbd (default: 'ceph --version' here, else assumed)")
    Optional<String> cephVersion = Optional.empty();

    CacheCheckCommand(Services services) {
        super(services);
    }

    /** One RBD disk. {@code rbdCache}/{@code writethroughUntilFlush} are {@code null} when {@code error} is set. */
    record DiskCache(String domain, String uuid, String state, String target, String image, String cacheMode,
                     String cephConf, String client, Boolean rbdCache, Boolean writethroughUntilFlush, String reason,
                     String error) {
    }

    /** The host's facts and every RBD disk. */
    record Result(String host, String uri, String qemu, String ceph, boolean cephVersionKnown, List<DiskCache> disks)
            implements Report {
        @Override
        public int exitCode() {
            return disks.stream().anyMatch(d -> d.error() != null) ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        @Override
        public String toText() {
            StringBuilder sb = new StringBuilder("Host ").append(host).append(" (").append(uri).append("): QEMU ")
                    .append(qemu).append(", Ceph ").append(ceph).append(cephVersionKnown ? "" : " (assumed)").append('\n');
            if (disks.isEmpty()) {
                return sb.append("no RBD disks\n").toString();
            }
            Table t = Table.of("DOMAIN", "STATE", "DISK", "IMAGE", "CACHE", "RBD_CACHE", "WT_UNTIL_FLUSH", "REASON");
            disks.forEach(d -> t.row(d.domain(), d.state(), d.target(), d.image(), d.cacheMode(), d.rbdCache(),
                    d.writethroughUntilFlush(), d.error() != null ? "ERROR: " + d.error() : d.reason()));
            return sb.append(t.render()).toString();
        }
    }

    @Override
    Report execute(CliConfig config) {
        String uri = config.libvirtUri(host, connect);
        Optional<ComponentVersion> ceph = cephVersion.map(ComponentVersion::parse).or(services::cephVersion);
        try (GuestInventory guests = services.guests(config, uri, true)) {
            ComponentVersion qemu = ComponentVersion.fromPacked(guests.hypervisorVersion());
            Facts facts = new Facts(config.hostName(host), qemu, ceph.orElse(RbdCacheFacts.ASSUMED_CEPH),
                    config.cephConf(), rbdUser(config), services::cephConf);
            List<DiskCache> disks = new ArrayList<>();
            for (GuestDefinition g : guests.guests(Optional.empty())) {
                disks.addAll(check(g, facts));
            }
            return new Result(facts.host(), uri, qemu.toString(), facts.ceph().toString(), ceph.isPresent(),
                    List.copyOf(disks));
        }
    }

    private static String rbdUser(CliConfig config) {
        String user = config.nova().libvirt().rbdUser();
        return user == null ? "admin" : user;
    }

    /** What the prediction needs besides the disk. */
    record Facts(String host, ComponentVersion qemu, ComponentVersion ceph, Path defaultCephConf, String rbdUser,
                 Function<Path, Optional<CephConf>> cephConfs) {
    }

    /** Every RBD disk of one guest; a disk (or a guest) that cannot be read is a row with its error. */
    static List<DiskCache> check(GuestDefinition g, Facts facts) {
        if (g.error() != null) {
            return List.of(new DiskCache(g.name(), g.uuid(), g.state(), null, null, null, null, null, null, null, null,
                    g.error()));
        }
        List<Disk> disks;
        try {
            disks = Domains.rbdDisks(DomainXml.parse(g.effectiveXml()));
        } catch (RuntimeException e) {
            return List.of(new DiskCache(g.name(), g.uuid(), g.state(), null, null, null, null, null, null, null, null,
                    oneLine(e)));
        }
        List<DiskCache> out = new ArrayList<>();
        for (Disk disk : disks) {
            out.add(check(g, disk, facts));
        }
        return out;
    }

    private static DiskCache check(GuestDefinition g, Disk disk, Facts facts) {
        String target = disk.getTargetDev();
        String image = disk.getSource().getName();
        String configFile = disk.getSource().getConfigFile();
        Path conf = configFile == null || configFile.isBlank() ? facts.defaultCephConf() : Path.of(configFile);
        String client = client(disk, facts.rbdUser());
        String cache = disk.getDriver() == null ? null : disk.getDriver().getCache();
        String modeName = cache == null || cache.isBlank() ? "default" : cache;
        try {
            DiskCacheMode mode = DiskCacheMode.fromLibvirt(cache);
            Optional<CephConf> read = facts.cephConfs().apply(conf);
            HostCacheFacts hostFacts = new HostCacheFacts(facts.host(), facts.qemu(), facts.ceph(),
                    read.orElse(CephConf.empty()), client);
            RbdCachePrediction p = RbdCachePolicy.predict(mode, hostFacts);
            String reason = p.reason() + (read.isEmpty() ? "; " + conf + " not found here: librbd defaults assumed" : "");
            return new DiskCache(g.name(), g.uuid(), g.state(), target, image, mode.name().toLowerCase(Locale.ROOT),
                    conf.toString(), hostFacts.clientEntity(), p.rbdCache(), p.writethroughUntilFlush(), reason, null);
        } catch (RuntimeException e) {
            return new DiskCache(g.name(), g.uuid(), g.state(), target, image, modeName, conf.toString(),
                    client, null, null, null, oneLine(e));
        }
    }

    /** The cephx entity QEMU connects as: the disk's {@code <auth username>}, else nova.conf's rbd_user. */
    private static String client(Disk disk, String rbdUser) {
        DiskAuth auth = disk.getAuth() != null ? disk.getAuth() : disk.getSource().getAuth();
        String user = auth == null || auth.getUsername() == null || auth.getUsername().isBlank() ? rbdUser
                : auth.getUsername();
        return user.startsWith("client.") ? user : "client." + user;
    }
}
