package dev.novalibvirt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM names every module an embedder uses, and nothing that ships nothing or only serves tests. */
class BomTest {
    static final Path ROOT = Path.of("..");
    /** Modules that ship nothing an embedder uses (or, for bom and thirdparty, are aggregators). */
    static final Set<String> NOT_EMBEDDED =
            Set.of("bom", "thirdparty", "examples", "conformance-tests", "architecture");
    static final Set<String> TEST_ONLY_COPIES = Set.of("wiremock-automodule");

    @Test
    void theBomListsEveryLibraryModuleAndTheThirdpartyCopiesTheyUse() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String module : modules(ROOT.resolve("pom.xml"))) {
            if (!NOT_EMBEDDED.contains(module)) {
                expected.add(module);
            }
        }
        for (String copy : modules(ROOT.resolve("thirdparty/pom.xml"))) {
            if (!TEST_ONLY_COPIES.contains(copy)) {
                expected.add(copy);
            }
        }
        assertThat(managedArtifacts(ROOT.resolve("bom/pom.xml"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).containsAll(NovaFunctionTable.MODULES);
    }

    @Test
    void theBomHasNoParentSoImportersGetNoOtherVersions() throws IOException {
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
        assertThat(bom).doesNotContain("<parent>").contains("<packaging>pom</packaging>");
        assertThat(managedGroups(bom)).containsOnly("dev.novalibvirt");
    }

    private static List<String> modules(Path pom) throws IOException {
        return all(Pattern.compile("<module>([^<]+)</module>"), Files.readString(pom, StandardCharsets.UTF_8));
    }

    private static List<String> managedArtifacts(Path pom) throws IOException {
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        return all(Pattern.compile("<artifactId>([^<]+)</artifactId>"), managedSection(text));
    }

    private static List<String> managedGroups(String text) {
        return all(Pattern.compile("<groupId>([^<]+)</groupId>"), managedSection(text));
    }

    private static String managedSection(String pom) {
        return pom.substring(pom.indexOf("<dependencyManagement>"), pom.indexOf("</dependencyManagement>"));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).strip());
        }
        return found;
    }
}
