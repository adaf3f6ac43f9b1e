package dev.novalibvirt.conformance.migration;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension handing a test method, and its {@code @BeforeEach}/{@code @AfterEach} methods, one
 * {@link MigrationScenario} per test, on the run's lab ({@link LabExtension}'s). After the test class's own
 * {@code @AfterEach} methods (which may first have to bring a host back: a link, a libvirtd), it cleans the
 * scenario up; a leftover fails the test.
 *
 * <pre>{@code
 * @ExtendWith(MigrationScenarioExtension.class)
 * class MyIT {
 *     @Test void something(MigrationScenario scenario) {
 *         Instance guest = scenario.newInstance("my");
 *         scenario.spawn(scenario.source(), guest);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class MigrationScenarioExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigrationScenarioExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MigrationScenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a MigrationScenario is one test's: take it in a test method or "
                    + "its @BeforeEach/@AfterEach, not in " + parameter.getDeclaringExecutable());
        }
        // lab.env as it is now (the run's file, read again): a host added for the test class is in it
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(MigrationScenario.class,
                k -> new MigrationScenario(ContractLab.of(LabEnv.load(LabExtension.lab(context).env().file()))),
                MigrationScenario.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        MigrationScenario scenario = context.getStore(NAMESPACE).remove(MigrationScenario.class,
                MigrationScenario.class);
        if (scenario != null) {
            scenario.cleanUp();
        }
    }
}
