package dev.novalibvirt.rpc.codec;

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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The exceptions that cross the wire as themselves: every class of core's {@code exception} package under Nova's
 * name in module {@code nova.exception} (so a Python peer with {@code allowed_remote_exmods = nova.exception} would
 * rebuild it too), plus core's two non-Nova ones under their Java package. Each entry knows Nova's {@code kwargs}
 * for it (the {@code msg_fmt} keys and {@code code}, Nova's HTTP code for the class) and how to rebuild the typed
 * exception from message and kwargs.
 */
final class NovaExceptions {
    static final String NOVA_MODULE = "nova.exception";

    /** One wire-known exception class. */
    record Kind(String name, String module, int code, Class<? extends NovaException> type,
                Function<NovaException, Map<String, String>> kwargs,
                BiFunction<String, Map<String, String>, NovaException> create) {
    }

    private static final Map<Class<?>, Kind> BY_TYPE = new LinkedHashMap<>();
    private static final Map<String, Kind> BY_NAME = new LinkedHashMap<>();

    static {
        // Nova's code per class follows Nova's hierarchy (400 Invalid, 404 NotFound, 403 Forbidden, else 500).
        plain(NovaException.class, 500, NovaException::new);
        plain(Invalid.class, 400, Invalid::new);
        plain(NotFound.class, 404, NotFound::new);
        plain(Forbidden.class, 403, Forbidden::new);
        plain(DestinationHypervisorTooOld.class, 400, DestinationHypervisorTooOld::new);
        plain(InstanceExists.class, 500, InstanceExists::new);
        plain(ComputeServiceInUse.class, 500, ComputeServiceInUse::new);
        plain(InternalError.class, 500, InternalError::new);
        plain(InvalidCPUInfo.class, 400, InvalidCPUInfo::new);
        plain(InvalidConfiguration.class, 400, InvalidConfiguration::new);
        plain(InvalidHostname.class, 400, InvalidHostname::new);
        plain(InvalidHypervisorType.class, 400, InvalidHypervisorType::new);
        plain(InvalidLocalStorage.class, 500, InvalidLocalStorage::new);
        plain(InvalidMigrationState.class, 400, InvalidMigrationState::new);
        plain(InvalidSharedStorage.class, 500, InvalidSharedStorage::new);
        plain(LiveMigrationURINotAvailable.class, 500, LiveMigrationURINotAvailable::new);
        plain(MigrationError.class, 500, MigrationError::new);
        plain(MigrationPreCheckError.class, 500, MigrationPreCheckError::new);
        plain(NoActiveMigrationForInstance.class, 404, NoActiveMigrationForInstance::new);
        formatted(DestinationDiskExists.class, 400, "path", e -> e.path().toString(),
                (m, a) -> new DestinationDiskExists(Path.of(a)));
        formatted(DiskNotFound.class, 404, "location", e -> after(e.getMessage(), "No disk at "),
                (m, a) -> new DiskNotFound(a));
        formatted(ImageNotFound.class, 404, "image_id", e -> between(e.getMessage(), "Image ", " could not be found."),
                (m, a) -> new ImageNotFound(a));
        formatted(InstanceNotFound.class, 404, "instance_id", InstanceNotFound::instanceId,
                (m, a) -> new InstanceNotFound(a));
        formatted(InvalidInput.class, 400, "reason", e -> after(e.getMessage(), "Invalid input received: "),
                (m, a) -> new InvalidInput(a));
        formatted(ResizeError.class, 500, "reason", e -> after(e.getMessage(), "Resize error: "),
                (m, a) -> new ResizeError(a));
        formatted(SocketPortRangeExhaustedException.class, 500, "host", SocketPortRangeExhaustedException::host,
                (m, a) -> new SocketPortRangeExhaustedException(a, m));
        formatted(SnapshotNotFound.class, 404, "snapshot_id",
                e -> between(e.getMessage(), "Snapshot ", " could not be found."), (m, a) -> new SnapshotNotFound(a));
        formatted(StorageError.class, 500, "reason", e -> after(e.getMessage(), "Storage error: "),
                (m, a) -> new StorageError(a));
        formatted(VolumeDriverNotFound.class, 404, "driver_type",
                e -> between(e.getMessage(), "Could not find a handler for ", " volume."),
                (m, a) -> new VolumeDriverNotFound(a));
        formatted(VolumeNotFound.class, 404, "volume_id", e -> between(e.getMessage(), "Volume ", " could not be found."),
                (m, a) -> new VolumeNotFound(a));
        formatted(VolumeAttachmentNotFound.class, 404, "attachment_id",
                e -> between(e.getMessage(), "Volume attachment ", " could not be found."),
                (m, a) -> new VolumeAttachmentNotFound(a));
        formatted(DeviceNotFound.class, 404, "device", DeviceNotFound::device, (m, a) -> new DeviceNotFound(a));
        formatted(DevicePathInUse.class, 409, "path",
                e -> between(e.getMessage(), "The supplied device path (", ") is in use."),
                (m, a) -> new DevicePathInUse(a));
        formatted(InvalidBDM.class, 400, "details", e -> after(e.getMessage(), "Block Device Mapping is Invalid: "),
                (m, a) -> new InvalidBDM(a));
        register(new Kind("DeviceDetachFailed", NOVA_MODULE, 500, DeviceDetachFailed.class, e -> {
            DeviceDetachFailed d = (DeviceDetachFailed) e;
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("device", d.device());
            kw.put("reason", d.reason());
            return kw;
        }, (m, kw) -> new DeviceDetachFailed(kw.get("device"), kw.get("reason"))));
        register(new Kind("VolumeAttachFailed", NOVA_MODULE, 400, VolumeAttachFailed.class, e -> {
            VolumeAttachFailed v = (VolumeAttachFailed) e;
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("volume_id", v.volumeId());
            kw.put("reason", v.reason());
            return kw;
        }, (m, kw) -> new VolumeAttachFailed(kw.get("volume_id"), kw.get("reason"))));
        register(new Kind("ImageUnacceptable", NOVA_MODULE, 400, ImageUnacceptable.class, e -> {
            ImageUnacceptable u = (ImageUnacceptable) e;
            Map<String, String> kw = new LinkedHashMap<>();
            kw.put("image_id", u.imageId());
            kw.put("reason", after(u.getMessage(), "Image " + u.imageId() + " is unacceptable: "));
            return kw;
        }, (m, kw) -> new ImageUnacceptable(kw.get("image_id"), kw.get("reason"))));
        // core's own, not Nova's: their module is their Java package, which no Python peer will import.
        register(new Kind("DomainXmlException", "dev.novalibvirt.core.xml", 500, DomainXmlException.class,
                e -> Map.of(), (m, kw) -> new DomainXmlException(m)));
        register(new Kind("CephConfigException", "dev.novalibvirt.core.ceph", 500, CephConfigException.class,
                e -> Map.of(), (m, kw) -> new CephConfigException(m)));
    }

    private NovaExceptions() {
    }

    /** The registered kind of exactly this class (a subclass from another module is not its parent on the wire). */
    static Optional<Kind> of(Throwable t) {
        return Optional.ofNullable(BY_TYPE.get(t.getClass()));
    }

    /** The kind registered under this name and module. */
    static Optional<Kind> named(String name, String module) {
        return Optional.ofNullable(BY_NAME.get(name)).filter(k -> k.module().equals(module));
    }

    /** Every registered class, for tests that prove each crosses intact. */
    static List<Class<? extends NovaException>> types() {
        return BY_NAME.values().stream().<Class<? extends NovaException>>map(Kind::type).toList();
    }

    private static <E extends NovaException> void plain(Class<E> type, int code, Function<String, E> ctor) {
        register(new Kind(type.getSimpleName(), NOVA_MODULE, code, type, e -> Map.of(), (m, kw) -> ctor.apply(m)));
    }

    /** An exception whose message is Nova's msg_fmt over one kwarg; the kwarg rebuilds it exactly. */
    @SuppressWarnings("unchecked")
    private static <E extends NovaException> void formatted(Class<E> type, int code, String key,
                                                            Function<E, String> value,
                                                            BiFunction<String, String, E> ctor) {
        register(new Kind(type.getSimpleName(), NOVA_MODULE, code, type, e -> Map.of(key, value.apply((E) e)),
                (m, kw) -> ctor.apply(m, kw.get(key))));
    }

    private static void register(Kind kind) {
        BY_TYPE.put(kind.type(), kind);
        BY_NAME.put(kind.name(), kind);
    }

    private static String after(String message, String prefix) {
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String between(String message, String prefix, String suffix) {
        String s = after(message, prefix);
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }
}
