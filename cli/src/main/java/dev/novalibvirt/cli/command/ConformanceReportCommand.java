package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.conformance.JUnitReports;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.Services;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code conformance report DIR...}: the pass/fail table of the JUnit XML reports ({@code TEST-*.xml}) at or under
 * each DIR, as Surefire and Failsafe write them (the files {@code ./lab test}'s summary sums), per test class with
 * every failure's first line; {@code --markdown} for a CI summary. Runs nothing and reads no nova.conf.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the JUnit XML reports (TEST-*.xml) at or under DIR as a pass/fail table per test class.",
        footer = {"", "Exit codes: 0 every test passed (or was skipped), 1 some failed or erred, 2 usage: no report "
                + "found, or a report that is not JUnit XML."})
final class ConformanceReportCommand extends CliCommand {
    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "a failsafe-reports or surefire-reports directory, a report file, or a repository whose "
                    + "modules were built (reports up to 4 levels down)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--markdown", description = "print the table as Markdown (not with --json)")
    boolean markdown;

    ConformanceReportCommand(Services services) {
        super(services);
    }

    /** No nova.conf: the reports are files. */
    @Override
    Report report() {
        ConformanceReport r = ConformanceReport.of(paths.stream().map(Path::toString).toList(),
                JUnitReports.read(paths));
        return markdown && !common.json ? r.asMarkdown() : r;
    }

    @Override
    Report execute(CliConfig config) {
        return report();
    }
}
