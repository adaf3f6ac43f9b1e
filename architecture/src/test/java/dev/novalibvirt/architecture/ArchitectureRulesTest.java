package dev.novalibvirt.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules that the compiler cannot see, over the main classes of every module: no package depends on
 * itself through others, and libvirt-java stays behind the Host and Guest ports.
 */
class ArchitectureRulesTest {
    private static JavaClasses main;

    @BeforeAll
    static void importEveryModulesMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.novalibvirt");
    }

    @Test
    void everyModuleIsChecked() {
        // a check over nothing passes: make sure each module's classes were found on the classpath
        Set<String> names = main.stream().map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(names).contains("dev.novalibvirt.core.driver.ComputeDriver",
                "dev.novalibvirt.rbd.RbdImageBackend",
                "dev.novalibvirt.migration.task.LiveMigrationTask",
                "dev.novalibvirt.libvirt.driver.LibvirtDriver",
                "dev.novalibvirt.rbdlibvirt.RbdLibvirt",
                "dev.novalibvirt.examples.MigrateRbdGuest",
                "dev.novalibvirt.conformance.migration.ContractLab");
        assertThat(names).noneMatch(n -> n.endsWith("Test") || n.endsWith("IT"));
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.novalibvirt.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void theDriverAndTheRbdBackendKnowNothingOfEachOtherOnlyTheAssemblyJoinsThem() {
        noClasses().that().resideInAPackage("dev.novalibvirt.libvirt..")
                .should().dependOnClassesThat().resideInAPackage("dev.novalibvirt.rbd..").check(main);
        noClasses().that().resideInAPackage("dev.novalibvirt.rbd..")
                .should().dependOnClassesThat().resideInAPackage("dev.novalibvirt.libvirt..").check(main);
    }

    @Test
    void libvirtJavaStaysBehindTheHostAndGuestPorts() {
        noClasses().that(describe("the ports and the driver facade", c -> Set.of(
                        "dev.novalibvirt.libvirt.host.Host", "dev.novalibvirt.libvirt.host.Guest",
                        "dev.novalibvirt.libvirt.host.Secret", "dev.novalibvirt.libvirt.host.MigrationParams",
                        "dev.novalibvirt.libvirt.host.CpuComparison", "dev.novalibvirt.libvirt.driver.LibvirtDriver")
                .contains(c.getName())))
                .should().dependOnClassesThat().resideInAPackage("org.libvirt..")
                .check(main);
    }
}
