package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With live_migration_with_native_tls the pre-checks refuse a host whose QEMU migration certificate dir lacks what
 * its side of the TLS stream needs, before the destination's shared-storage test file exists (not in Nova).
 */
class NativeTlsPreChecksTest {
    private static final ComputeInfo SOURCE = new ComputeInfo("host-a", "QEMU", 7_002_000, "<cpu/>", 20, 10);
    private static final ComputeInfo DEST = new ComputeInfo("host-b", "QEMU", 7_002_000, "<cpu/>", 20, 10);
    private static final String NATIVE_TLS = "live_migration_with_native_tls = true\n";
    private static final String KEY_TEXT = "-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n";

    @TempDir
    Path aPath;
    @TempDir
    Path bPath;
    @TempDir
    Path pki;

    private static PreChecks preChecks(StepFixture f, MigrationTlsFiles tls) {
        return new PreChecks(f.ctx, new CacheWarnings(f.ctx, () -> {
            throw new CephConfigException("no cache facts in a unit test");
        }), tls);
    }

    /** The host's /etc/pki/qemu, seen by the test at {@code pki} as the lab's driver sees it outside the host. */
    private MigrationTlsFiles certDir(String... files) throws IOException {
        for (String f : files) {
            Files.writeString(pki.resolve(f), KEY_TEXT);
        }
        return MigrationTlsFiles.defaults().seenAt(pki);
    }

    private static final String[] ALL = {"ca-cert.pem", "server-cert.pem", "server-key.pem", "client-cert.pem",
        "client-key.pem"};

    private static String[] allBut(String missing) {
        return Stream.of(ALL).filter(f -> !f.equals(missing)).toArray(String[]::new);
    }

    private List<Path> testFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aDestinationAndSourceWithTheirCertificatesPassAndMigrateAsWithoutTls() throws IOException {
        MigrationTlsFiles tls = certDir(ALL);
        StepFixture a = new StepFixture("host-a", aPath, NATIVE_TLS);
        StepFixture b = new StepFixture("host-b", bPath, NATIVE_TLS);
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(b, tls).checkDestination(SOURCE, DEST, null, null);
        LibvirtLiveMigrateData source = preChecks(a, tls).checkSource(StepFixture.instance(), dest,
                BlockDeviceInfo.none());
        assertThat(source.isSharedBlockStorage()).isTrue();
        assertThat(source.blockMigration()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca-cert.pem", "server-cert.pem", "server-key.pem"})
    void aDestinationWithoutAServerFileIsRefusedNamingItAndTheDirAndNothingIsCreated(String missing)
            throws IOException {
        MigrationTlsFiles tls = certDir(allBut(missing));
        StepFixture b = new StepFixture("host-b", bPath, NATIVE_TLS);
        assertThatThrownBy(() -> preChecks(b, tls).checkDestination(SOURCE, DEST, null, null))
                .isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("/etc/pki/qemu")
                .hasMessageContaining(pki.toString())
                .hasMessageContaining("destination host host-b")
                .hasMessageContaining("[" + missing + "]")
                .hasMessageNotContaining("not-a-real-key");
        assertThat(testFiles(bPath)).as("no shared-storage test file").isEmpty();
        assertThat(b.host.cpuComparedWith).as("refused before anything else").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca-cert.pem", "server-cert.pem", "server-key.pem"})
    void anEmptyServerFileIsRefusedAsMissing(String empty) throws IOException {
        MigrationTlsFiles tls = certDir(ALL);
        Files.writeString(pki.resolve(empty), "");
        StepFixture b = new StepFixture("host-b", bPath, NATIVE_TLS);
        assertThatThrownBy(() -> preChecks(b, tls).checkDestination(SOURCE, DEST, null, null))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("[" + empty + "]");
        assertThat(testFiles(bPath)).isEmpty();
    }

    @Test
    void aDirectoryInPlaceOfAFileAndAnEmptyDirAreRefusedNamingEveryMissingFile() throws IOException {
        MigrationTlsFiles tls = certDir("ca-cert.pem", "server-cert.pem");
        Files.createDirectory(pki.resolve("server-key.pem"));
        StepFixture b = new StepFixture("host-b", bPath, NATIVE_TLS);
        assertThatThrownBy(() -> preChecks(b, tls).checkDestination(SOURCE, DEST, null, null))
                .hasMessageContaining("[server-key.pem]");
        MigrationTlsFiles nowhere = MigrationTlsFiles.defaults().seenAt(pki.resolve("absent"));
        assertThatThrownBy(() -> preChecks(b, nowhere).checkDestination(SOURCE, DEST, null, null))
                .isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("[ca-cert.pem, server-cert.pem, server-key.pem]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca-cert.pem", "client-cert.pem", "client-key.pem"})
    void aSourceWithoutAClientFileIsRefusedWhenClientCertificatesAreVerified(String missing) throws IOException {
        MigrationTlsFiles tls = certDir(allBut(missing));
        StepFixture a = new StepFixture("host-a", aPath, NATIVE_TLS);
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(new StepFixture("host-b", bPath, ""), tls)
                .checkDestination(SOURCE, DEST, null, null);
        assertThatThrownBy(() -> preChecks(a, tls).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none()))
                .isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("source host host-a")
                .hasMessageContaining("[" + missing + "]");
    }

    @Test
    void withoutVerificationTheSourceNeedsOnlyTheCa() throws IOException {
        MigrationTlsFiles tls = new MigrationTlsFiles(MigrationTlsFiles.DEFAULT_DIR, pki, false);
        Files.writeString(pki.resolve("ca-cert.pem"), KEY_TEXT);
        StepFixture a = new StepFixture("host-a", aPath, NATIVE_TLS);
        StepFixture b = new StepFixture("host-b", bPath, "");
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(b, tls).checkDestination(SOURCE, DEST, null, null);
        assertThat(preChecks(a, tls).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none())
                .isSharedBlockStorage()).isTrue();
    }

    @Test
    void withoutNativeTlsNoCertificateIsLookedFor() {
        MigrationTlsFiles nowhere = MigrationTlsFiles.defaults().seenAt(pki.resolve("absent"));
        StepFixture a = new StepFixture("host-a", aPath, "");
        StepFixture b = new StepFixture("host-b", bPath, "live_migration_scheme = tls\n");
        a.withRunningGuest();
        LibvirtLiveMigrateData dest = preChecks(b, nowhere).checkDestination(SOURCE, DEST, null, null);
        assertThat(preChecks(a, nowhere).checkSource(StepFixture.instance(), dest, BlockDeviceInfo.none())
                .isSharedBlockStorage()).isTrue();
    }

    @Test
    void theDirsMustBeAbsoluteAndTheDefaultIsQemuConfs() {
        assertThat(MigrationTlsFiles.defaults()).isEqualTo(
                new MigrationTlsFiles(Path.of("/etc/pki/qemu"), Path.of("/etc/pki/qemu"), true));
        assertThatThrownBy(() -> MigrationTlsFiles.defaults().seenAt(Path.of("pki/qemu")))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("seenAt");
        assertThatThrownBy(() -> new MigrationTlsFiles(null, Path.of("/x"), true))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("certDir");
    }
}
