package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.conformance.ConformanceResult;
import dev.novalibvirt.cli.conformance.ConformanceRunner;
import dev.novalibvirt.cli.conformance.ConformanceSite;
import dev.novalibvirt.cli.conformance.ConformanceSuite;
import dev.novalibvirt.cli.conformance.ReportFiles;
import dev.novalibvirt.cli.conformance.SiteConfig;
import dev.novalibvirt.cli.conformance.SiteConfigReader;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.Services;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code conformance run --config FILE}: the conformance checks against the operator's own two hosts, as the config
 * file names them (each by its libvirt URI or through its agent on the config's {@code transport_url}; ceph.conf,
 * keyring, pools, secret uuid, base image), with one short-lived guest of its own that is removed afterwards; writes
 * the report as Markdown, HTML and JUnit XML into {@code --out}. The config is read and validated, and the report
 * directory made, before anything on the site is opened (no broker connection either).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the conformance checks against two hosts of this site (a short-lived guest of its own: "
                + "spawn, live migration there and back, destroy) and write the report (Markdown, HTML, JUnit XML).",
        footer = {"", "Exit codes: 0 every check passed, 1 some check failed, 2 usage: a bad config file (the key is "
                + "named) or a report directory that cannot be written; nothing was touched."})
final class ConformanceRunCommand extends CliCommand {
    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "the site's conformance config (INI: [DEFAULT] transport_url for hosts reached through "
                    + "their agents, [host1], [host2], [ceph], [image], [guest]; see the module README)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "where the reports are written (default: ${DEFAULT-VALUE})")
    Path out = Path.of("conformance-report");

    ConformanceRunCommand(Services services) {
        super(services);
    }

    /** The site config instead of nova.conf: it names both hosts. */
    @Override
    Report report() {
        SiteConfig site = SiteConfigReader.read(config);
        Path dir = ReportFiles.prepare(out);
        ConformanceResult result;
        try (ConformanceSite s = services.conformanceSite(site)) {
            result = new ConformanceRunner(Clock.systemUTC(), UUID::randomUUID).run(site, s,
                    ConformanceSuite.checks(site));
        }
        List<Path> files = ReportFiles.write(result, dir);
        return ConformanceRunReport.of(result, files);
    }

    @Override
    Report execute(CliConfig ignored) {
        return report();
    }
}
