package dev.novalibvirt.conformance.controller;

import dev.novalibvirt.conformance.lab.LabEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The command line of a controller JVM: this JVM's own {@code java} and class path, and the system properties the
 * lab's code reads ({@code lab/lib/java.sh}'s {@code -DNOVALAB_ENV} and {@code -Dnovalab.repo}, any other
 * {@code novalab.*}, slf4j-simple's {@code org.slf4j.*}), so that the child finds the same lab as its parent. The
 * environment is inherited as it is. Pure: the parent's properties are passed in.
 */
final class ControllerCommand {
    private ControllerCommand() {
    }

    /** Whether the child gets system property {@code key}. */
    static boolean forwarded(String key) {
        return key.equals(LabEnv.LOCATION_PROPERTY) || key.startsWith("novalab.") || key.startsWith("org.slf4j.");
    }

    /** {@code JAVA_HOME/bin/java -D... -cp CLASS_PATH MAIN ARGS...}, the properties sorted by name. */
    static List<String> argv(Properties parent, String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(parent.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> props = new TreeMap<>();
        parent.stringPropertyNames().stream().filter(ControllerCommand::forwarded)
                .forEach(k -> props.put(k, parent.getProperty(k)));
        props.forEach((k, v) -> argv.add("-D" + k + "=" + v));
        argv.add("-cp");
        argv.add(parent.getProperty("java.class.path"));
        argv.add(mainClass);
        argv.addAll(args);
        return argv;
    }
}
