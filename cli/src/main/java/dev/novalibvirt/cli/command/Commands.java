package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.Services;
import picocli.CommandLine;

/** The CLI's commands, one small class each, all answering through one {@link Services}. */
public final class Commands {
    private Commands() {
    }

    /**
     * Adds every command to {@code root}.
     */
    public static CommandLine addTo(CommandLine root, Services services) {
        CommandLine conformance = new CommandLine(new ConformanceCommand())
                .addSubcommand(new ConformanceRunCommand(services))
                .addSubcommand(new ConformanceReportCommand(services));
        return root.addSubcommand(new RefreshMonitorsCommand(services))
                .addSubcommand(new CacheCheckCommand(services))
                .addSubcommand(new DiskHoldersCommand(services))
                .addSubcommand(new FenceCommand(services))
                .addSubcommand(new UnfenceCommand(services))
                .addSubcommand(new MigrateCommand(services))
                .addSubcommand(new DrainCommand(services))
                .addSubcommand(new EvacuateCommand(services))
                .addSubcommand("conformance", conformance);
    }
}
