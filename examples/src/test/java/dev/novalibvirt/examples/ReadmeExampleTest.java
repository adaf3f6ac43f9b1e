package dev.novalibvirt.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "Embedding it" section shows this module's program as it is, with the coordinates of this build. */
class ReadmeExampleTest {
    // Surefire runs in the module's directory.
    static final Path README = Path.of("..", "README.md");
    static final Path PARENT_POM = Path.of("..", "pom.xml");
    static final Path PROGRAM = Path.of("src/main/java/dev/novalibvirt/examples/MigrateRbdGuest.java");
    static final Path AGENTS_PROGRAM = Path.of("src/main/java/dev/novalibvirt/examples/MigrateThroughAgents.java");

    @Test
    void theReadmesJavaBlockIsTheProgramsMarkedRegion() throws IOException {
        List<String> javaBlocks = fencedBlocks(embeddingSection(), "java");
        assertThat(javaBlocks).as("java blocks in README's '## Embedding it'").hasSize(1);
        assertThat(javaBlocks.get(0)).isEqualTo(markedRegion(read(PROGRAM)));
    }

    @Test
    void theAgentSectionsJavaBlockIsTheControllerProgramsMarkedRegion() throws IOException {
        List<String> javaBlocks = fencedBlocks(section("Running an agent per host"), "java");
        assertThat(javaBlocks).as("java blocks in README's '## Running an agent per host'").hasSize(1);
        assertThat(javaBlocks.get(0)).isEqualTo(markedRegion(read(AGENTS_PROGRAM)));
    }

    @Test
    void theReadmesCoordinatesAreThisBuildsVersionAndModules() throws IOException {
        String section = embeddingSection();
        Matcher parent = Pattern.compile("<artifactId>nova-libvirt-java-parent</artifactId>\\s*"
                + "<version>([^<]+)</version>").matcher(read(PARENT_POM));
        assertThat(parent.find()).isTrue();
        String version = parent.group(1);
        for (String artifact : List.of("rbd-libvirt")) {
            assertThat(section).contains("<groupId>dev.novalibvirt</groupId><artifactId>" + artifact
                    + "</artifactId><version>" + version + "</version>");
        }
        assertThat(section).contains("slf4j-simple").contains("logback");
    }

    /** The lines between the markers, without the markers, with their common indentation removed. */
    static String markedRegion(String source) {
        List<String> lines = source.lines().toList();
        int begin = indexOfMarker(lines, "// README:begin");
        int end = indexOfMarker(lines, "// README:end");
        assertThat(end).as("README:end after README:begin").isGreaterThan(begin);
        return stripCommonIndentation(lines.subList(begin + 1, end));
    }

    private static int indexOfMarker(List<String> lines, String marker) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                found.add(i);
            }
        }
        assertThat(found).as("lines that are exactly '" + marker + "'").hasSize(1);
        return found.get(0);
    }

    static String stripCommonIndentation(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    /** README.md from "## Embedding it" to the next "## " heading. */
    static String embeddingSection() throws IOException {
        return section("Embedding it");
    }

    /** README.md from "## HEADING" to the next "## " heading. */
    static String section(String heading) throws IOException {
        String readme = read(README);
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README has '## " + heading + "'").isNotNegative();
        int next = readme.indexOf("\n## ", start + 1);
        return next < 0 ? readme.substring(start) : readme.substring(start, next);
    }

    /** The contents of the ```lang fenced blocks, each ending with a newline. */
    static List<String> fencedBlocks(String markdown, String lang) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.lines().toList()) {
            if (current == null && line.equals("```" + lang)) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
