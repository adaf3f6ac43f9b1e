package dev.novalibvirt.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code conformance}: the conformance suite's reports. Only {@code report} exists: it renders the JUnit XML reports a
 * run wrote. Running the suite against an operator's own hosts ({@code --config FILE}, issue 17) is not here yet:
 * the suite still reads the lab's {@code lab.env}.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "The conformance suite's results: 'report DIR' renders its JUnit XML reports.")
final class ConformanceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (report)");
    }
}
