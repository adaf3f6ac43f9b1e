package dev.novalibvirt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Nova function -> Java method" table is the one the javadoc gives today, so it cannot drift. */
class NovaFunctionTableTest {
    // Surefire runs in the module's directory.
    static final Path ROOT = Path.of("..");
    static final Path README = ROOT.resolve("README.md");
    // Parsing every library source takes a few seconds: once for all tests.
    static final List<NovaFunctionTable.Row> ROWS = NovaFunctionTable.scan(ROOT);

    @Test
    void theReadmesTableIsTheOneGeneratedFromTheJavadoc() throws IOException {
        String expected = NovaFunctionTable.markdown(ROWS);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(NovaFunctionTable.BEGIN);
        int end = readme.indexOf(NovaFunctionTable.END);
        String hint = "README.md must carry, between its markers, the table generated from the javadoc "
                + "(\"Mirrors {@code ...}\" or \"Nova's {@code ...}\" opening a public method's comment). "
                + "Paste this:\n\n" + expected;
        assertThat(begin).as(hint).isNotNegative();
        assertThat(end).as(hint).isGreaterThan(begin);
        String actual = readme.substring(begin, end + NovaFunctionTable.END.length()) + "\n";
        assertThat(actual).as(hint).isEqualTo(expected);
    }

    @Test
    void theDriverContractsStepsAreInTheTable() {
        assertThat(ROWS).contains(
                new NovaFunctionTable.Row("pre_live_migration", "ComputeDriver.preLiveMigration", "core"),
                new NovaFunctionTable.Row("live_migration", "ComputeDriver.liveMigration", "core"));
    }

    @Test
    void theEvacuationPathIsInTheTable() {
        assertThat(ROWS).contains(
                new NovaFunctionTable.Row("compute.api.API.evacuate", "HostEvacuation.run", "migration"),
                new NovaFunctionTable.Row("ComputeManager.rebuild_instance", "HostEvacuation.run", "migration"),
                new NovaFunctionTable.Row("ComputeManager._destroy_evacuated_instances",
                        "EvacuatedHostCleanup.cleanupEvacuated", "migration"));
    }

    @Test
    void anImplementationRepeatingItsInterfacesMirrorsIsNotASecondRow() {
        // LibvirtGuest repeats the Guest port's javadoc on its @Override methods; the port's row is the one kept.
        assertThat(ROWS).extracting(NovaFunctionTable.Row::javaMethod)
                .noneMatch(method -> method.startsWith("LibvirtGuest."));
        assertThat(ROWS).filteredOn(row -> row.nova().equals("Guest.poweroff")).hasSize(1);
    }
}
