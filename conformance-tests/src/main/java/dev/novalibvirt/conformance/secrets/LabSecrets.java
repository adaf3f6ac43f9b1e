package dev.novalibvirt.conformance.secrets;

import dev.novalibvirt.conformance.lab.LabEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab's secrets, read from the files lab.env names: the cephx keys of client.nova, client.cinder (when the
 * lab has Cinder's side) and client.admin, and the RabbitMQ password.
 *
 * @param secrets what the scan looks for
 * @param absent  the secrets this lab does not have (a lab of an older version), said in the scan's summary
 */
public record LabSecrets(List<Secret> secrets, List<String> absent) {

    public static LabSecrets read(LabEnv env) {
        List<Secret> secrets = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        cephx(secrets, absent, "client.nova", env.find("CEPH_KEYRING").map(Path::of));
        Optional<Path> cinder = env.find("CINDER_KEYRING").map(Path::of)
                .or(() -> env.find("CEPH_KEYRING").map(k -> Path.of(k).resolveSibling("ceph.client.cinder.keyring")));
        cephx(secrets, absent, "client." + env.find("CINDER_USER").orElse("cinder"), cinder);
        cephx(secrets, absent, "client.admin", env.find("CEPH_ADMIN_KEYRING").map(Path::of));
        Optional<Path> rabbit = env.find("RABBIT_PASSWORD_FILE").map(Path::of).filter(Files::isRegularFile);
        if (rabbit.isPresent()) {
            secrets.add(Secret.password("RabbitMQ password", read(rabbit.get()).strip()));
        } else {
            absent.add("RabbitMQ password (no RABBIT_PASSWORD_FILE)");
        }
        return new LabSecrets(List.copyOf(secrets), List.copyOf(absent));
    }

    private static void cephx(List<Secret> out, List<String> absent, String entity, Optional<Path> keyring) {
        Optional<String> key = keyring.filter(Files::isRegularFile).flatMap(k -> keyOf(read(k)));
        if (key.isPresent()) {
            out.add(Secret.cephxKey(entity + " cephx key", key.get()));
        } else {
            absent.add(entity + " cephx key (" + keyring.map(Path::toString).orElse("no keyring in lab.env") + ")");
        }
    }

    /** The {@code key = ...} of a keyring (INI-like, one entity per section); the file itself is never shown. */
    static Optional<String> keyOf(String keyring) {
        return keyring.lines().map(String::strip)
                .filter(l -> l.startsWith("key") && l.contains("="))
                .filter(l -> l.substring(0, l.indexOf('=')).strip().equals("key"))
                .map(l -> l.substring(l.indexOf('=') + 1).strip())
                .filter(v -> !v.isEmpty())
                .findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The message names the file only: never its content.
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
