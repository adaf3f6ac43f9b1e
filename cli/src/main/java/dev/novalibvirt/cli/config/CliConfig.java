package dev.novalibvirt.cli.config;

import dev.novalibvirt.core.config.DefaultOptions;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.rbd.RbdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI reads: one host's nova.conf (the same file the driver and the agent read) and the ceph.conf it names
 * ({@code [libvirt] images_rbd_ceph_conf}). The cephx identity for the read-only commands is nova.conf's
 * {@code rbd_user}; fencing's admin identity is given on the command line, never taken from nova.conf.
 *
 * @param file the nova.conf read
 * @param nova its options
 */
public record CliConfig(Path file, NovaConfig nova) {
    /** oslo.config's default location. */
    public static final Path DEFAULT_FILE = Path.of("/etc/nova/nova.conf");

    public CliConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(nova, "nova");
    }

    /**
     * Reads {@code file}.
     *
     * @throws CliUsageException when it does not exist or cannot be read
     * @throws InvalidConfiguration when nova.conf holds an impossible combination
     */
    public static CliConfig load(Path file) {
        if (!Files.isReadable(file)) {
            throw new CliUsageException("cannot read nova.conf " + file + " (give another with --config-file PATH)");
        }
        return new CliConfig(file, NovaConfig.fromFile(file));
    }

    /** The ceph.conf nova.conf names ({@code images_rbd_ceph_conf}, else librados' {@code /etc/ceph/ceph.conf}). */
    public Path cephConf() {
        return nova.libvirt().imagesRbdCephConfPath();
    }

    /**
     * The RBD backend's settings, as the driver derives them ({@link RbdConfig#from}).
     *
     * @throws InvalidConfiguration when {@code images_type} is not rbd or the ceph.conf is missing
     */
    public RbdConfig rbd() {
        RbdConfig rbd = RbdConfig.from(nova);
        requireCephConf();
        return rbd;
    }

    /**
     * The operator's identity for fencing ({@code osd blocklist add/rm}): Ceph's {@code profile rbd} caps of the
     * driver's user may add entries but not remove them, so fencing is kept to an identity of its own.
     *
     * @param id      cephx id without {@code client.}, e.g. {@code admin}
     * @param keyring its keyring file; empty: librados finds it through ceph.conf ({@code keyring}) or its defaults
     */
    public RbdConfig admin(String id, Optional<Path> keyring) {
        keyring.ifPresent(k -> {
            if (!Files.isReadable(k)) {
                throw new CliUsageException("cannot read the admin keyring " + k);
            }
        });
        RbdConfig rbd = RbdConfig.from(nova);
        requireCephConf();
        return RbdConfig.builder(cephConf(), id).keyring(keyring.orElse(null)).pool(rbd.pool())
                .imagesPool(rbd.imagesPool()).connectTimeout(rbd.connectTimeout()).opTimeout(rbd.opTimeout()).build();
    }

    private void requireCephConf() {
        if (!Files.isReadable(cephConf())) {
            throw new InvalidConfiguration("cannot read ceph.conf " + cephConf() + " named by " + file
                    + " ([libvirt] images_rbd_ceph_conf)");
        }
    }

    /**
     * The libvirtd a command talks to: {@code connect} if given; else {@code host}'s as a migration would reach it
     * ({@code live_migration_scheme}/{@code live_migration_uri}, e.g. {@code qemu+tcp://HOST/system}); else this
     * host's {@code [libvirt] connection_uri} ({@code qemu:///system} when unset, as Nova derives it for kvm/qemu).
     */
    public String libvirtUri(Optional<String> host, Optional<String> connect) {
        if (connect.isPresent()) {
            return connect.get();
        }
        if (host.isPresent()) {
            return MigrationUris.connectionUri(nova.libvirt(), MigrationUris.requireValidHostname(host.get()));
        }
        String uri = nova.libvirt().connectionUri();
        return uri == null || uri.isBlank() ? "qemu:///system" : uri;
    }

    /**
     * The configuration of another compute host ({@code migrate}'s source given by {@code --from}, or its
     * destination) when only this host's nova.conf is at hand: the same options (Nova expects the computes of a
     * cell to share them), with {@code [DEFAULT] host} = {@code host} and this host's {@code my_ip} dropped.
     *
     * @throws CliUsageException when this nova.conf sets {@code [libvirt] live_migration_inbound_addr}: that
     *                           address is this host's, the other host's nova.conf must be given instead
     */
    public NovaConfig peer(String host, String option) {
        MigrationUris.requireValidHostname(host);
        if (host.equals(nova.defaults().host())) {
            return nova;
        }
        if (nova.libvirt().liveMigrationInboundAddr() != null) {
            throw new CliUsageException(file + " sets [libvirt] live_migration_inbound_addr, which is this host's "
                    + "own address; give " + host + "'s nova.conf with " + option + " PATH");
        }
        DefaultOptions d = nova.defaults();
        return new NovaConfig(new DefaultOptions(host, d.instancesPath(), d.liveMigrationRetryCount(),
                d.reservedHostDiskMb(), d.forceRawImages(), null, d.maxConcurrentLiveMigrations()), nova.libvirt(),
                nova.workarounds(), nova.consoles());
    }

    /** The name a report gives the host: {@code host} if given, else nova.conf's {@code [DEFAULT] host}. */
    public String hostName(Optional<String> host) {
        return host.orElse(nova.defaults().host());
    }
}
