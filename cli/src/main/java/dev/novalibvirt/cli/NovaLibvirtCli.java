package dev.novalibvirt.cli;

import dev.novalibvirt.cli.command.Commands;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.live.LiveServices;
import dev.novalibvirt.cli.port.Services;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The operator's command line, {@code java -jar cli-VERSION-all.jar COMMAND ...}: configured from the host's
 * nova.conf and the ceph.conf it names. Exit codes: 0 done, 1 failure, 2 usage or configuration error; migrate adds
 * 3 rolled back and 4 needs recovery, drain 3 some guest did not move and 4 some guest needs recovery, evacuate 3
 * some guest was refused and 4 some guest's rebuild failed.
 */
@Command(name = "nova-libvirt", mixinStandardHelpOptions = true, versionProvider = NovaLibvirtCli.Version.class,
        description = "Operate the hosts of nova-libvirt-java: Ceph monitors in guest definitions, librbd cache, "
                + "disk holders, fencing, live migration, draining and evacuating a host, conformance reports.",
        footer = {"", "Exit codes: 0 done, 1 failure, 2 usage or configuration error, "
                + "3 migration rolled back (drain: some guest did not move; evacuate: some guest was refused), "
                + "4 migration needs recovery (evacuate: some guest's rebuild failed)."})
public final class NovaLibvirtCli implements Runnable {
    @Spec
    CommandSpec spec;

    /** picocli's root command; {@link #run(String[], PrintStream, PrintStream)} builds it. */
    public NovaLibvirtCli() {
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        // the library logs through SLF4J; a program shows warnings and errors only, on stderr
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command in this process against the real libvirtd and Ceph; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8), new LiveServices());
    }

    /** Runs one command with {@code services} (fakes in the unit tests); returns its exit code. */
    @SuppressWarnings("exports") // the unit tests' seam: Services is the module's internal port
    public static int run(String[] args, PrintWriter out, PrintWriter err, Services services) {
        CommandLine cli = commandLine(services);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(Services services) {
        CommandLine cli = Commands.addTo(new CommandLine(new NovaLibvirtCli()), services);
        // a command reports its own errors (one line, no trace); this catches only what escapes picocli's own calls
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("nova-libvirt: error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return ExitCodes.of(e);
        });
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.of(e));
        return cli;
    }

    /** The version of the jar (its manifest), else "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NovaLibvirtCli.class.getPackage().getImplementationVersion();
            return new String[] {"nova-libvirt " + (v == null ? "(development build)" : v)};
        }
    }
}
