package dev.novalibvirt.conformance.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lab's environment: the {@code lab.env} file {@code ./lab up} writes (key=value lines, '#' comments).
 * Its location is the system property or environment variable {@code NOVALAB_ENV}, by default
 * {@value #DEFAULT_PATH}. The file names key files; it never holds key material.
 */
public final class LabEnv {
    public static final String DEFAULT_PATH = "/var/lib/nova-libvirt-lab/lab.env";
    public static final String LOCATION_PROPERTY = "NOVALAB_ENV";

    private final Path file;
    private final Map<String, String> values;

    private LabEnv(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Map.copyOf(values);
    }

    /** Reads the lab's env from {@code NOVALAB_ENV} or the default path; {@link LabNotUpException} when absent. */
    public static LabEnv load() {
        String location = System.getProperty(LOCATION_PROPERTY, System.getenv(LOCATION_PROPERTY));
        return load(Path.of(location == null || location.isBlank() ? DEFAULT_PATH : location));
    }

    public static LabEnv load(Path file) {
        LabUseLock.holdShared();
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new LabNotUpException("no " + file);
        } catch (IOException e) {
            throw new LabNotUpException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static LabEnv parse(Path file, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return new LabEnv(file, values);
    }

    public Path file() {
        return file;
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    /** The value of {@code key}; a missing key means a lab of another version: the message says which key. */
    public String get(String key) {
        return find(key).orElseThrow(() -> new LabNotUpException(file + " has no " + key + "; rerun ./lab up"));
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Path cephConf() {
        return path("CEPH_CONF");
    }

    /** client.nova's keyring file (the library never needs client.admin). */
    public Path cephKeyring() {
        return path("CEPH_KEYRING");
    }

    public String cephUser() {
        return get("CEPH_USER");
    }

    public String fsid() {
        return get("CEPH_FSID");
    }

    public List<String> monHosts() {
        return Arrays.asList(get("CEPH_MON_HOSTS").split(","));
    }

    public String poolVms() {
        return get("POOL_VMS");
    }

    public String poolImages() {
        return get("POOL_IMAGES");
    }

    public String baseImageId() {
        return get("BASE_IMAGE_ID");
    }

    public String baseImageSnap() {
        return get("BASE_IMAGE_SNAP");
    }

    public Path baseImageRaw() {
        return path("BASE_IMAGE_RAW");
    }

    /** The libvirt secret (same UUID on every host) holding client.nova's key. */
    public UUID rbdSecretUuid() {
        return UUID.fromString(get("RBD_SECRET_UUID"));
    }

    /** {@code kvm} when /dev/kvm is usable, else {@code qemu} (TCG). */
    public String virtType() {
        return get("VIRT_TYPE");
    }

    /** The lab's hosts, host-a and host-b first, plus hosts added with {@code ./lab host-add}. */
    public List<LabHost> hosts() {
        return Arrays.stream(get("HOSTS").split(",")).map(this::host).toList();
    }

    /** A host by name: {@code host-a} or {@code a}. */
    public LabHost host(String name) {
        String letter = name.startsWith("host-") ? name.substring(5) : name;
        String p = "HOST_" + letter.toUpperCase(Locale.ROOT) + "_";
        return new LabHost("host-" + letter, get(p + "URI"), get(p + "IP"), UUID.fromString(get(p + "UUID")),
                path(p + "INSTANCES_PATH"), path(p + "STATE"));
    }
}
