package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This host's QEMU migration certificate dir, for {@code live_migration_with_native_tls}: qemu.conf's
 * {@code migrate_tls_x509_cert_dir} (which falls back to {@code default_tls_x509_cert_dir}, {@code /etc/pki/qemu}).
 * libvirt does not tell a client what qemu.conf says, so the embedder does (the driver builder's
 * {@code migrationTls}).
 *
 * <p>Not in Nova (a deliberate difference): Nova starts a native-TLS migration without looking, and a host without
 * certificates fails it only when QEMU's TLS object is created, after the destination guest was defined. Here the
 * pre-checks refuse first. The files are QEMU's ({@code crypto/tlscredsx509}): a TLS server (the destination) needs
 * {@code ca-cert.pem}, {@code server-cert.pem} and {@code server-key.pem}; a client (the source) needs
 * {@code ca-cert.pem}, and {@code client-cert.pem} with {@code client-key.pem} when the destination verifies client
 * certificates ({@code migrate_tls_x509_verify}). Only presence is checked: a file must be a readable, non-empty
 * regular file for this process; no file is opened, so no key can reach a message.
 *
 * @param certDir             the dir as the host's QEMU sees it (named in messages)
 * @param seenAt              the same dir as this (driver) process sees it, e.g. outside the host's mount namespace
 * @param clientCertsVerified qemu.conf's {@code migrate_tls_x509_verify} (libvirt's default: on)
 */
public record MigrationTlsFiles(Path certDir, Path seenAt, boolean clientCertsVerified) {
    /** qemu.conf's default cert dir. */
    public static final Path DEFAULT_DIR = Path.of("/etc/pki/qemu");

    static final List<String> SERVER_FILES = List.of("ca-cert.pem", "server-cert.pem", "server-key.pem");
    static final List<String> CLIENT_FILES = List.of("client-cert.pem", "client-key.pem");

    /** @throws InvalidConfiguration for a missing or relative dir */
    public MigrationTlsFiles {
        certDir = absolute(certDir, "certDir");
        seenAt = absolute(seenAt, "seenAt");
    }

    /** {@code /etc/pki/qemu}, seen where it is, client certificates verified: qemu.conf's defaults. */
    public static MigrationTlsFiles defaults() {
        return new MigrationTlsFiles(DEFAULT_DIR, DEFAULT_DIR, true);
    }

    /** The same dir seen by this process at {@code seenAt} (e.g. the lab's {@code $HOST_X_STATE/pki/qemu}). */
    public MigrationTlsFiles seenAt(Path value) {
        return new MigrationTlsFiles(certDir, value, clientCertsVerified);
    }

    /**
     * On the destination, the files of QEMU's TLS server.
     *
     * @throws MigrationPreCheckError naming the dir and every missing or empty file
     */
    void checkServer(String hostName) {
        refuseMissing(hostName, "destination", SERVER_FILES);
    }

    /**
     * On the source, the files of QEMU's TLS client: the CA, and its own certificate when the peer verifies it.
     *
     * @throws MigrationPreCheckError naming the dir and every missing or empty file
     */
    void checkClient(String hostName) {
        List<String> needed = new ArrayList<>(List.of("ca-cert.pem"));
        if (clientCertsVerified) {
            needed.addAll(CLIENT_FILES);
        }
        refuseMissing(hostName, "source", needed);
    }

    private void refuseMissing(String hostName, String role, List<String> names) {
        List<String> missing = names.stream().filter(n -> !usable(seenAt.resolve(n))).toList();
        if (!missing.isEmpty()) {
            String seen = seenAt.equals(certDir) ? "" : " (seen by the driver at " + seenAt + ")";
            throw new MigrationPreCheckError("live_migration_with_native_tls is set but the QEMU migration "
                    + "certificate dir " + certDir + seen + " of " + role + " host " + hostName
                    + " lacks (missing, empty or unreadable) " + missing + "; set migrate_tls_x509_cert_dir in "
                    + "qemu.conf and the driver's migrationTls(...) to a dir holding them");
        }
    }

    private static boolean usable(Path file) {
        try {
            return Files.isRegularFile(file) && Files.isReadable(file) && Files.size(file) > 0;
        } catch (IOException | SecurityException e) {
            return false; // as missing: the pre-check's message names the file, which is what to fix
        }
    }

    private static Path absolute(Path value, String field) {
        if (value == null || !value.isAbsolute()) {
            throw new InvalidConfiguration("MigrationTlsFiles." + field + " must be an absolute path, got "
                    + value);
        }
        return value.normalize();
    }
}
