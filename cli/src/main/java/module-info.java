/**
 * The operator's command line {@code nova-libvirt}: {@code NovaLibvirtCli} (main, {@code run(args, out, err)}).
 * The commands, ports, configuration, output and live adapters are internal.
 */
// "requires-automatic": libvirt-java has no module descriptor, only the name org.libvirt in thirdparty/'s copy.
@SuppressWarnings("requires-automatic")
module dev.novalibvirt.cli {
    requires dev.novalibvirt.libvirt;
    requires dev.novalibvirt.rbd;
    requires dev.novalibvirt.rbdlibvirt;
    // conformance run through the hosts' agents: RemoteComputeDriver, the messaging options
    requires dev.novalibvirt.rpc;
    requires org.libvirt;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires org.slf4j;
    // the conformance report's HTML and XML escapers
    requires com.google.common;
    // conformance report reads JUnit XML with the JDK's parser
    requires java.xml;

    exports dev.novalibvirt.cli;

    // picocli fills the commands' annotated fields and calls them reflectively.
    opens dev.novalibvirt.cli to info.picocli;
    opens dev.novalibvirt.cli.command to info.picocli, com.fasterxml.jackson.databind;
    // Jackson writes the JSON documents (the result records) reflectively.
    opens dev.novalibvirt.cli.output to com.fasterxml.jackson.databind;
}
