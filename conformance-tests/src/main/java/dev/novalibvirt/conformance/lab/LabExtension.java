package dev.novalibvirt.conformance.lab;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension handing lab-backed tests a {@link Lab} (or just its {@link LabEnv}) parameter: constructor,
 * lifecycle or test method.
 * One Lab serves the whole run and is closed at its end. When the lab is down the test FAILS with
 * "lab is not up: run ./lab up" (only {@code -DskipLab=true} leaves lab tests out, by not running them).
 *
 * <pre>{@code
 * @ExtendWith(LabExtension.class)
 * class MyIT {
 *     @Test void something(Lab lab) { Connect a = lab.connect(lab.hostA()); ... }
 * }
 * }</pre>
 */
public final class LabExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Lab.class || type == LabEnv.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lab lab = lab(context);
        return parameter.getParameter().getType() == LabEnv.class ? lab.env() : lab;
    }

    /** The run's one Lab, opened on first use; for other extensions that build on it (MigrationScenario's). */
    public static Lab lab(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Lab.class, k -> new ClosingLab(Lab.open()), ClosingLab.class).lab;
    }

    /** Closes the shared Lab when the root context (the run) ends. */
    private record ClosingLab(Lab lab) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            lab.close();
        }
    }
}
