package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.config.CliUsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The report files of a run in one directory: {@code conformance.md}, {@code conformance.html} and the JUnit XML. */
public final class ReportFiles {
    public static final String MARKDOWN = "conformance.md";
    public static final String HTML = "conformance.html";

    private ReportFiles() {
    }

    /**
     * Makes {@code dir} (and its parents) before the run, so a directory that cannot be written is a usage error
     * before anything on the site is touched.
     *
     * @throws CliUsageException when it cannot be made or written
     */
    public static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliUsageException("cannot make the report directory " + dir + " (--out): " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new CliUsageException("cannot write to the report directory " + dir + " (--out)");
        }
        return dir;
    }

    /** Writes the three reports into {@code dir}; returns their paths (Markdown, HTML, JUnit XML). */
    public static List<Path> write(ConformanceResult result, Path dir) {
        try {
            return List.of(
                    Files.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(result), StandardCharsets.UTF_8),
                    Files.writeString(dir.resolve(HTML), HtmlReport.render(result), StandardCharsets.UTF_8),
                    Files.writeString(dir.resolve(JUnitXmlReport.FILE), JUnitXmlReport.render(result),
                            StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance report into " + dir, e);
        }
    }
}
