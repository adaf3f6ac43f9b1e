package dev.novalibvirt.conformance.secrets;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the records the ITs write into their {@code @TempDir} fields, which JUnit deletes after each test, so that
 * the secret scan can read them: every {@code *.journal} (migration journals) and {@code *.log} file there (the
 * agents' logs) is copied to {@code <secretScan.dir>/records/}. Config files (nova.conf holds the transport_url
 * and its password, legitimately) are not kept. Registered for every test by service loading
 * (junit-platform.properties turns autodetection on); does nothing unless the system property
 * {@value #DIR_PROPERTY} is set (failsafe sets it). Extension after-callbacks run after the class's own
 * {@code @AfterEach}/{@code @AfterAll} (agents stopped, logs complete) and before JUnit deletes the temp dirs.
 */
public final class KeepTestRecords implements AfterEachCallback, AfterAllCallback {
    public static final String DIR_PROPERTY = "secretScan.dir";

    @Override
    public void afterEach(ExtensionContext context) {
        context.getTestInstance().ifPresent(instance -> keep(context, instance.getClass(), instance, false));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getTestClass().ifPresent(type -> keep(context, type, null, true));
    }

    /** Where the kept records are, or null when the scan is not on. */
    public static Path recordsDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir, "records");
    }

    private static void keep(ExtensionContext context, Class<?> type, Object instance, boolean statics) {
        Path target = recordsDir();
        if (target == null) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TempDir.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    tempDir(f, instance).ifPresent(dir -> copyRecords(dir, target, name(context)));
                }
            }
        }
    }

    private static Optional<Path> tempDir(Field f, Object instance) {
        try {
            f.setAccessible(true);
            Object v = f.get(instance);
            return Optional.ofNullable(v instanceof File file ? file.toPath()
                    : v instanceof Path p ? p : null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isRecord(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".journal") || name.endsWith(".log");
    }

    /** {@code Class.method-hash}: readable in a report, unique per test (parameterised ones too). */
    private static String name(ExtensionContext context) {
        String test = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        return test + "-" + Integer.toHexString(context.getUniqueId().hashCode());
    }

    private static void copyRecords(Path dir, Path target, String testName) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            List<Path> records = walk.filter(Files::isRegularFile).filter(KeepTestRecords::isRecord).toList();
            if (records.isEmpty()) {
                return;
            }
            Files.createDirectories(target);
            for (Path r : records) {
                // agent-a/agent.log and agent-b/agent.log stay apart
                String flat = dir.relativize(r).toString().replace('/', '_');
                Files.copy(r, target.resolve(testName + "-" + flat), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A record not kept is a haystack missed, not a test failure; the scan says how many it read.
        }
    }
}
