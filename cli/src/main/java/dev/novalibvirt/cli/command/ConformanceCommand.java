package dev.novalibvirt.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code conformance}: {@code run --config FILE} runs the conformance checks against the operator's own two hosts
 * and writes their report; {@code report DIR} renders the JUnit XML reports a run (or the repository's suite) wrote.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Conformance against this site's hosts: 'run --config FILE' runs the checks and writes the "
                + "report, 'report DIR' renders JUnit XML reports.")
final class ConformanceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (run or report)");
    }
}
