package dev.novalibvirt.conformance.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The controller JVM runs on its parent's java and class path, with the lab's properties. */
class ControllerCommandTest {

    @Test
    void theChildGetsThisJvmsJavaClassPathAndTheLabsPropertiesOnly() {
        Properties parent = new Properties();
        parent.setProperty("java.home", "/usr/lib/jvm/java-17");
        parent.setProperty("java.class.path", "/repo/conformance-tests/target/classes:/m2/guava.jar");
        parent.setProperty("NOVALAB_ENV", "/var/lib/nova-libvirt-lab/lab.env");
        parent.setProperty("novalab.repo", "/repo");
        parent.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        parent.setProperty("user.dir", "/somewhere");
        parent.setProperty("secretScan.dir", "/repo/target/secret-scan");

        assertThat(ControllerCommand.argv(parent, "dev.example.Main", List.of("a", "b"))).containsExactly(
                "/usr/lib/jvm/java-17/bin/java",
                "-DNOVALAB_ENV=/var/lib/nova-libvirt-lab/lab.env",
                "-Dnovalab.repo=/repo",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", "/repo/conformance-tests/target/classes:/m2/guava.jar",
                "dev.example.Main", "a", "b");
    }
}
