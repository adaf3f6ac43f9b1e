package dev.novalibvirt.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.ceph.CephConfigException;
import dev.novalibvirt.core.exception.ComputeServiceInUse;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.DestinationHypervisorTooOld;
import dev.novalibvirt.core.exception.DeviceDetachFailed;
import dev.novalibvirt.core.exception.DeviceNotFound;
import dev.novalibvirt.core.exception.DevicePathInUse;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageNotFound;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.exception.InstanceExists;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.exception.InvalidBDM;
import dev.novalibvirt.core.exception.InvalidCPUInfo;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidHostname;
import dev.novalibvirt.core.exception.InvalidHypervisorType;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.core.exception.InvalidMigrationState;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import dev.novalibvirt.core.exception.LiveMigrationURINotAvailable;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.core.exception.NotFound;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.exception.ResizeError;
import dev.novalibvirt.core.exception.SnapshotNotFound;
import dev.novalibvirt.core.exception.SocketPortRangeExhaustedException;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.core.exception.VolumeAttachFailed;
import dev.novalibvirt.core.exception.VolumeAttachmentNotFound;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.exception.VolumeNotFound;
import dev.novalibvirt.core.xml.DomainXmlException;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.RemoteError;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FailureCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AQBvaBFZAAAAABAA9VHgwCgAAAAAAAAAAAAAAA==";

    /** One of each exception that crosses as itself, as the agent would raise it. */
    static List<NovaException> everyKnownException() {
        return List.of(new NovaException("unexpected"), new Invalid("bad request"), new NotFound("nothing there"),
                new Forbidden("cephx user may not write pool vms"),
                new DestinationDiskExists(Path.of("/var/lib/nova/instances/6f1c9d0a")),
                new DestinationHypervisorTooOld("QEMU 6.2 < 7.2"), new DiskNotFound("vms/6f1c9d0a_disk"),
                new ImageNotFound("0f8e7d6c"), new ImageUnacceptable("0f8e7d6c", "not an RBD snapshot"),
                new InstanceExists("instance-0000002a is already defined"),
                new ComputeServiceInUse("Compute service of compute-1 is still in use."),
                new InstanceNotFound("6f1c9d0a"),
                new InternalError("virDomainGetJobStats: -1"),
                new InvalidCPUInfo("host-b lacks avx2"), new InvalidConfiguration("tunnelled with native TLS"),
                new InvalidHostname("'host;rm' has invalid characters"), new InvalidHypervisorType("KVM vs Xen"),
                new InvalidInput("image name with ../"), new InvalidLocalStorage("block migration with RBD"),
                new InvalidMigrationState("not running"), new InvalidSharedStorage("no shared storage"),
                new LiveMigrationURINotAvailable("virt_type=parallels"), new MigrationError("job failed"),
                new MigrationPreCheckError("secret 8d6e... missing on host-b"),
                new NoActiveMigrationForInstance("6f1c9d0a is not migrating"), new ResizeError("shrinking 10 -> 5"),
                new SnapshotNotFound("snap"), new SocketPortRangeExhaustedException("198.18.0.12"),
                new StorageError("rados connect timed out"),
                new VolumeDriverNotFound("'iscsi'"), new VolumeNotFound("d299a078"),
                new VolumeAttachmentNotFound("5e1f2a3b"), new DeviceNotFound("vdb"),
                new DeviceDetachFailed("vdb", "still attached after 8 attempts of 20000 ms"),
                new DevicePathInUse("/dev/vdb"), new InvalidBDM("no boot_index 0 mapping"),
                new VolumeAttachFailed("d299a078", "libvirt refused the disk"),
                new DomainXmlException("line 3: unknown disk type"), new CephConfigException("not a version: 'x'"));
    }

    @ParameterizedTest
    @MethodSource("everyKnownException")
    void everyKnownExceptionArrivesAsTheSameTypedException(NovaException raised) throws Exception {
        RuntimeException decoded = FailureCodec.decode(FailureCodec.encode(raised));
        assertThat(decoded).isExactlyInstanceOf(raised.getClass()).hasMessage(raised.getMessage());
        assertThat(decoded.getSuppressed()).singleElement().isInstanceOf(RemoteTraceback.class);
        if (raised instanceof DestinationDiskExists d) {
            assertThat(((DestinationDiskExists) decoded).path()).isEqualTo(d.path());
        }
        if (raised instanceof InstanceNotFound i) {
            assertThat(((InstanceNotFound) decoded).instanceId()).isEqualTo(i.instanceId());
        }
        if (raised instanceof ImageUnacceptable i) {
            assertThat(((ImageUnacceptable) decoded).imageId()).isEqualTo(i.imageId());
        }
    }

    @Test
    void everyExceptionClassOfCoreIsCovered() throws Exception {
        Set<Class<?>> tested = everyKnownException().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(tested).containsExactlyInAnyOrderElementsOf(NovaExceptions.types());
        Set<Class<?>> registered = new java.util.HashSet<>(NovaExceptions.types());
        assertThat(registered).containsAll(classesOf("dev/novalibvirt/core/exception"));
    }

    @Test
    void theFailureHasOslosKeysAndNovasKwargs() throws Exception {
        JsonNode f = JSON.readTree(FailureCodec.encode(new InstanceNotFound("6f1c9d0a")));
        assertThat(f.fieldNames()).toIterable().containsExactly("class", "module", "message", "tb", "args", "kwargs");
        assertThat(f.get("class").asText()).isEqualTo("InstanceNotFound");
        assertThat(f.get("module").asText()).isEqualTo("nova.exception");
        assertThat(f.get("message").asText()).isEqualTo("Instance 6f1c9d0a could not be found.");
        assertThat(f.get("args")).hasSize(1);
        assertThat(JSON.convertValue(f.get("kwargs"), new TypeReference<Map<String, Object>>() { }))
                .isEqualTo(Map.of("instance_id", "6f1c9d0a", "code", 404));
        assertThat(f.get("tb").get(0).asText()).startsWith(InstanceNotFound.class.getName());
    }

    @Test
    void aNovaFailureFromAPythonPeerIsRebuiltFromItsKwargs() {
        String python = "{\"class\": \"DestinationDiskExists\", \"module\": \"nova.exception\", \"message\": "
                + "\"The supplied disk path (/x) already exists, it is expected not to exist.\", \"tb\": "
                + "[\"Traceback (most recent call last):\\n\"], \"args\": [], \"kwargs\": {\"path\": \"/x\", "
                + "\"code\": 400}}";
        RuntimeException e = FailureCodec.decode(python);
        assertThat(e).isInstanceOf(DestinationDiskExists.class);
        assertThat(((DestinationDiskExists) e).path()).isEqualTo(Path.of("/x"));
    }

    @Test
    void unknownNamesAndForeignModulesArriveAsRemoteError() {
        RuntimeException foreign = FailureCodec.decode(FailureCodec.encode(new IllegalStateException("boom")));
        assertThat(foreign).isInstanceOf(RemoteError.class);
        assertThat(((RemoteError) foreign).excType()).isEqualTo("IllegalStateException");
        assertThat(((RemoteError) foreign).value()).isEqualTo("boom");
        assertThat(((RemoteError) foreign).traceback()).isNotEmpty();

        RuntimeException spoofed = FailureCodec.decode("{\"class\": \"InstanceNotFound\", \"module\": \"evil.mod\","
                + " \"message\": \"m\", \"tb\": [], \"args\": [], \"kwargs\": {}}");
        assertThat(spoofed).isInstanceOf(RemoteError.class);

        RuntimeException missingKwarg = FailureCodec.decode("{\"class\": \"DestinationDiskExists\", \"module\": "
                + "\"nova.exception\", \"message\": \"m\", \"tb\": [], \"args\": [], \"kwargs\": {}}");
        assertThat(missingKwarg).isInstanceOf(RemoteError.class);
    }

    @Test
    void aSubclassFromAnotherModuleKeepsItsOwnNameAndArrivesAsRemoteError() {
        class DiskInUseSomewhere extends MigrationError {
            private static final long serialVersionUID = 1L;

            DiskInUseSomewhere() {
                super("vms/x has a watcher");
            }
        }
        RemoteError e = (RemoteError) FailureCodec.decode(FailureCodec.encode(new DiskInUseSomewhere()));
        assertThat(e.excType()).isEqualTo("DiskInUseSomewhere");
    }

    @Test
    void aCephxKeyInAFailureIsMasked() {
        String failure = FailureCodec.encode(new StorageError("rbd map failed: key=" + KEY,
                new IllegalStateException("secret " + KEY)));
        assertThat(failure).doesNotContain(KEY).contains("key=***");
    }

    @Test
    void aFailureThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> FailureCodec.decode("Traceback...")).isInstanceOf(MalformedMessage.class);
    }

    private static Set<Class<?>> classesOf(String packagePath) throws Exception {
        URI location = NovaException.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        if (Files.isDirectory(root)) {
            return classesUnder(root.resolve(packagePath), packagePath);
        }
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return classesUnder(jar.getPath(packagePath), packagePath);
        }
    }

    private static Set<Class<?>> classesUnder(Path dir, String packagePath) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$")).toList();
            Set<Class<?>> out = new java.util.HashSet<>();
            for (String n : names) {
                Class<?> c = Class.forName(packagePath.replace('/', '.') + "." + n.replace(".class", ""));
                if (Throwable.class.isAssignableFrom(c)) {
                    out.add(c);
                }
            }
            return out;
        }
    }
}
