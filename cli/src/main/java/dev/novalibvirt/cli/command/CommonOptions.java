package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes. */
public final class CommonOptions {
    @Option(names = "--config-file", paramLabel = "PATH", defaultValue = "/etc/nova/nova.conf",
            description = "the host's nova.conf (default: ${DEFAULT-VALUE}); its [libvirt] images_rbd_ceph_conf names the ceph.conf")
    Path configFile = CliConfig.DEFAULT_FILE;

    @Option(names = "--json", description = "print one JSON document (see the module README for its shape)")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "print the stack trace of an error")
    boolean verbose;
}
