package dev.novalibvirt.migration.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.migration.metrics.MigrationMetrics;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: an embedder without it runs migrations. The task path (default metrics, the monitor
 * listener of {@link MigrationMetrics#none()}) runs in a class loader that has this module's classes and
 * dependencies but no Micrometer; a class that needed Micrometer to load would fail it with NoClassDefFoundError.
 */
class NoMicrometerOnTheClasspathTest {

    @Test
    void aMigrationRunsWithoutMicrometerAndLoadsNoMicrometerClass() throws Exception {
        Set<String> defined = ConcurrentHashMap.newKeySet();
        Set<String> micrometerAsked = ConcurrentHashMap.newKeySet();
        try (URLClassLoader withoutMicrometer = new URLClassLoader(classpathWithoutMicrometer(),
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.startsWith("io.micrometer.")) {
                    micrometerAsked.add(name);
                }
                Class<?> c = super.findClass(name);
                defined.add(name);
                return c;
            }
        }) {
            // the loader really lacks it (its parent is the platform loader, which has no application classes)
            assertThat(withoutMicrometer.getResource("io/micrometer/core/instrument/MeterRegistry.class")).isNull();
            @SuppressWarnings("unchecked")
            Supplier<String> scenario = (Supplier<String>) withoutMicrometer
                    .loadClass(WithoutMetrics.class.getName()).getDeclaredConstructor().newInstance();

            assertThat(scenario.get()).isEqualTo("COMPLETED");
            assertThat(micrometerAsked).isEmpty();
            assertThat(defined).contains(LiveMigrationTask.class.getName(), MigrationMetrics.class.getName())
                    .doesNotContain("dev.novalibvirt.migration.metrics.MicrometerMigrationMetrics");
        }
    }

    private static URL[] classpathWithoutMicrometer() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        assertThat(urls).as("the test's class path, from java.class.path").hasSizeGreaterThan(2);
        return urls.toArray(URL[]::new);
    }

    /** Runs in the loader without Micrometer: a whole migration with the default metrics. */
    public static final class WithoutMetrics implements Supplier<String> {
        @Override
        public String get() {
            List<String> calls = new ArrayList<>();
            RecordingDriver a = new RecordingDriver("host-a", calls);
            RecordingDriver b = new RecordingDriver("host-b", calls);
            a.duringLiveMigration = () -> MigrationMetrics.none().monitorListener("host-a").onEvent(
                    new MigrationEvent.Started("d", 0, new MigrationFeatures(false, true), 1, 1, List.of()));
            Instance instance = new Instance("0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b", "no-micrometer", 128, 1, 1,
                    "img");
            String kind = LiveMigrationTask.builder(a, b).build().run(instance, null, null).outcome().kind().name();
            return Arrays.asList(kind).get(0);
        }
    }
}
