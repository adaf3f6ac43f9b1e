package dev.novalibvirt.cli.command;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The cephx identity fencing acts as. Not nova.conf's {@code rbd_user}: Ceph's {@code profile rbd} caps let that user
 * add blocklist entries but not remove them, and fencing is an operator's action. Only paths are taken, never a key.
 */
public final class AdminOptions {
    @Option(names = "--admin-id", paramLabel = "ID", defaultValue = "admin",
            description = "cephx id for fencing, without 'client.' (default: ${DEFAULT-VALUE})")
    String id = "admin";

    @Option(names = "--admin-keyring", paramLabel = "PATH",
            description = "its keyring file (default: what ceph.conf's keyring option or librados' default paths give)")
    Optional<Path> keyring = Optional.empty();
}
