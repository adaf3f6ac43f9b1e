package dev.novalibvirt.rbd.fence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.metrics.RbdMetrics;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: fencing and the RBD driver's instrumented path run in a class loader that has this
 * module and its dependencies but no Micrometer, and load no Micrometer-using class.
 */
class NoMicrometerFencingTest {

    @Test
    void fencingAndTheDriverRunWithoutMicrometer() throws Exception {
        Set<String> defined = ConcurrentHashMap.newKeySet();
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                Class<?> c = super.findClass(name);
                defined.add(name);
                return c;
            }
        }) {
            assertThat(loader.getResource("io/micrometer/core/instrument/MeterRegistry.class")).isNull();
            @SuppressWarnings("unchecked")
            Supplier<String> scenario = (Supplier<String>) loader.loadClass(WithoutMetrics.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertThat(scenario.get()).isEqualTo("198.18.0.13:0/0 refused");
        }
        assertThat(defined).contains(RbdMetrics.class.getName(), HostFencer.class.getName())
                .noneMatch(n -> n.startsWith("io.micrometer.") || n.endsWith(".MicrometerRbdMetrics"));
    }

    /** Runs in the loader without Micrometer. */
    public static final class WithoutMetrics implements Supplier<String> {
        @Override
        public String get() {
            String entry = new HostFencer(new CephBlocklist(new FakeMon())).fenceHost("198.18.0.13",
                    Duration.ofMinutes(1));
            try (RbdDriver rbd = new RbdDriver(RbdConfig.builder(Path.of("/nonexistent"), "cinder").build())) {
                rbd.create("vms", "../etc", 1 << 20);
                return entry + " created";
            } catch (RuntimeException refused) {
                return entry + " refused";
            }
        }
    }
}
