package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliConfig;
import dev.novalibvirt.cli.config.ExitCodes;
import dev.novalibvirt.cli.output.Json;
import dev.novalibvirt.cli.output.Redactor;
import dev.novalibvirt.cli.output.Report;
import dev.novalibvirt.cli.port.Services;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One command: reads the configuration, asks {@link Services}, returns a {@link Report}, which is printed as a table
 * or as JSON. A failure is one line on stderr ({@code nova-libvirt NAME: error: Type: message}; the stack trace only
 * with {@code --verbose}) and, with {@code --json}, the error document on stdout.
 */
abstract class CliCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    final Services services;

    CliCommand(Services services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /** Does the work; a typed exception for anything that went wrong. */
    abstract Report execute(CliConfig config);

    /** Reads nova.conf ({@code --config-file}) and does the work; a command that reads no nova.conf overrides it. */
    Report report() {
        return execute(CliConfig.load(common.configFile));
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = name();
        try {
            Report report = report();
            out.print(common.json ? Json.success(name, report) : Redactor.clean(report.toText()));
            out.flush();
            return report.exitCode();
        } catch (RuntimeException e) {
            int code = ExitCodes.of(e);
            String type = e.getClass().getSimpleName();
            String message = oneLine(e);
            err.println("nova-libvirt " + name + ": error: " + type + ": " + message);
            if (common.verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(Redactor.clean(trace.toString()));
            }
            err.flush();
            if (common.json) {
                out.print(Json.failure(name, code, type, message));
                out.flush();
            }
            return code;
        }
    }

    /** The command as typed: {@code drain}, or a group's {@code conformance report}. */
    private String name() {
        CommandSpec parent = spec.parent();
        return parent != null && parent.parent() != null ? parent.name() + " " + spec.name() : spec.name();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return Redactor.clean(m.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
