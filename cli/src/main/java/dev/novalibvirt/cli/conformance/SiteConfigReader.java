package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.core.ceph.DiskCacheMode;
import dev.novalibvirt.core.config.IniFile;
import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.migration.uri.MigrationUris;
import dev.novalibvirt.rpc.InvalidTransportURL;
import dev.novalibvirt.rpc.config.RpcOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a conformance config file (nova.conf's INI dialect, parsed by core's {@link IniFile}) into a
 * {@link SiteConfig}. Every key is validated before anything is returned, so a bad file touches nothing; each
 * refusal is a {@link ConfigurationError} naming the key and what was expected.
 * <pre>
 * [DEFAULT] transport_url (when a host is reached through its agent), rpc_response_timeout, long_rpc_timeout
 *           and [oslo_messaging_rabbit]'s TLS options, read as an agent reads its nova.conf ({@link RpcOptions})
 * [site]    name (optional)
 * [host1]   name, uri, address, instances_path (default /var/lib/nova/instances)
 *           or, through its agent: name and agent = true (or host = NAME alone), uri optional
 * [host2]   the same
 * [ceph]    conf, keyring, user, pool, images_pool, secret_uuid
 * [image]   id, snapshot (default snap)
 * [guest]   virt_type (default kvm), cache_mode (default writeback), memory_mb (default 128), root_gb (default 1)
 * </pre>
 * The transport URL is never echoed: its errors name the part that is wrong ({@code InvalidTransportURL}).
 */
public final class SiteConfigReader {
    static final Path DEFAULT_INSTANCES_PATH = Path.of("/var/lib/nova/instances");
    /** Pool, image, snapshot and cephx user names: what {@code rbd} and Ceph accept, nothing a shell would read. */
    private static final Pattern RBD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern URI_SCHEME = Pattern.compile("[a-z][a-z0-9+]*");

    private final String file;
    private final IniFile ini;

    private SiteConfigReader(String file, IniFile ini) {
        this.file = file;
        this.ini = ini;
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ConfigurationError naming the key at fault (or {@code --config} when the file cannot be read)
     */
    public static SiteConfig read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationError(file.toString(), "--config", "cannot read the conformance config file");
        }
        try {
            return new SiteConfigReader(file.toString(), IniFile.read(file)).config(file);
        } catch (ConfigurationError e) {
            throw e;
        } catch (Invalid e) {
            throw new ConfigurationError(file.toString(), "syntax", e.getMessage());
        }
    }

    private SiteConfig config(Path path) {
        SiteHost host1 = host("host1");
        SiteHost host2 = host("host2");
        if (host1.name().equals(host2.name())) {
            throw error("host2", "name", "names the same host as [host1] name (" + host1.name()
                    + "); the run needs two hosts");
        }
        if (host1.hasLibvirtUri() && host1.uri().equals(host2.uri())) {
            throw error("host2", "uri", "is the same libvirtd as [host1] uri (" + host1.uri() + ")");
        }
        Path cephConf = readableFile("ceph", "conf");
        Path keyring = readableFile("ceph", "keyring");
        String user = rbdName("ceph", "user", optional("ceph", "user").orElse(null));
        String pool = rbdName("ceph", "pool", optional("ceph", "pool").orElse(null));
        String imagesPool = rbdName("ceph", "images_pool", optional("ceph", "images_pool").orElse(null));
        String secretUuid = uuid("ceph", "secret_uuid");
        String imageId = rbdName("image", "id", optional("image", "id").orElse(null));
        String imageSnap = rbdName("image", "snapshot", optional("image", "snapshot").orElse("snap"));
        String virtType = optional("guest", "virt_type").orElse("kvm").toLowerCase(Locale.ROOT);
        if (!virtType.equals("kvm") && !virtType.equals("qemu")) {
            throw error("guest", "virt_type", "is '" + virtType + "' (expected kvm or qemu)");
        }
        String cache = optional("guest", "cache_mode").orElse("writeback").toLowerCase(Locale.ROOT);
        if (!DiskCacheMode.NOVA_NAMES.contains(cache)) {
            throw error("guest", "cache_mode", "is '" + cache + "' (expected one of Nova's disk cache modes: "
                    + String.join(", ", DiskCacheMode.NOVA_NAMES.stream().sorted().toList()) + ")");
        }
        int memory = number("guest", "memory_mb", 128, 16, 1 << 20);
        int rootGb = number("guest", "root_gb", 1, 1, 16384);
        String site = optional("site", "name").orElse(path.getFileName() == null ? "site"
                : path.getFileName().toString());
        RpcOptions messaging = host1.agent() || host2.agent() ? messaging(host1.agent() ? host1 : host2) : null;
        return new SiteConfig(path, site, host1, host2, cephConf, keyring, user, pool, imagesPool, secretUuid,
                imageId, imageSnap, virtType, DiskCacheMode.fromLibvirt(cache), memory, rootGb, messaging);
    }

    /**
     * The messaging options as an agent reads them from its nova.conf ({@link RpcOptions#from}); the timeouts are
     * checked here first so that their refusal names the key as every other one does.
     */
    private RpcOptions messaging(SiteHost agentHost) {
        // raw: interpolating here could quote part of the password in its error (RpcOptions refuses that safely)
        if (ini.raw("DEFAULT", "transport_url").map(String::strip).filter(v -> !v.isEmpty()).isEmpty()) {
            throw error("DEFAULT", "transport_url", "is required: [" + agentHost.role() + "] is reached through "
                    + "its agent (expected the broker the agents serve on, e.g. "
                    + "rabbit://nova:PASSWORD@10.0.0.5:5672/)");
        }
        number("DEFAULT", "rpc_response_timeout", 60, 1, 86_400);
        number("DEFAULT", "long_rpc_timeout", 1800, 1, 86_400);
        RpcOptions options;
        try {
            options = RpcOptions.from(ini);
        } catch (InvalidTransportURL e) {
            // its text names the part that is wrong, never the URL
            throw error("DEFAULT", "transport_url", e.getMessage().replaceFirst("^\\[DEFAULT] transport_url ", ""));
        } catch (Invalid e) {
            throw new ConfigurationError(file, "[oslo_messaging_rabbit]", e.getMessage());
        }
        if (SiteConfig.hasShortPassword(options)) {
            throw error("DEFAULT", "transport_url", "has a password shorter than " + SiteConfig.MIN_PASSWORD_LENGTH
                    + " characters (the value is not shown): the report could not mask it wherever a daemon's "
                    + "message echoes it; give the broker user a longer one");
        }
        return options;
    }

    private SiteHost host(String section) {
        // raw, as hostname() reads it: a broker URL pasted here must not be quoted by an interpolation error
        Optional<String> host = rawOptional(section, "host");
        Optional<Boolean> agent = bool(section, "agent");
        if (host.isPresent() && rawOptional(section, "name").isPresent()) {
            throw error(section, "host", "and name are both given (host = NAME names the host reached through its "
                    + "agent; give one of them)");
        }
        if (host.isPresent() && agent.filter(a -> !a).isPresent()) {
            throw error(section, "agent", "is false, but host = NAME names a host reached through its agent (give "
                    + "name and uri for its libvirtd instead)");
        }
        String name = hostname(section, host.isPresent() ? "host" : "name");
        Optional<String> uri = optional(section, "uri").map(u -> libvirtUri(section, u, name));
        if (host.isPresent() || agent.orElse(false)) {
            for (String key : new String[] {"address", "instances_path"}) {
                if (optional(section, key).isPresent()) {
                    throw error(section, key, "is the agent's own nova.conf's when the host is reached through its "
                            + "agent; remove it here");
                }
            }
            return SiteHost.throughAgent(section, name, uri.orElse(null));
        }
        if (uri.isEmpty()) {
            throw error(section, "uri", "is required (the host's libvirtd; or agent = true to reach the host "
                    + "through its agent on [DEFAULT] transport_url)");
        }
        String address = hostname(section, "address");
        Path instances = optional(section, "instances_path").map(Path::of).orElse(DEFAULT_INSTANCES_PATH);
        if (!instances.isAbsolute()) {
            throw error(section, "instances_path", "is '" + instances + "' (expected an absolute path)");
        }
        return new SiteHost(section, name, uri.get(), address, instances);
    }

    private String libvirtUri(String section, String uri, String name) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || !URI_SCHEME.matcher(parsed.getScheme()).matches()
                    || !uri.contains(":/")) {
                throw error(section, "uri", "is '" + uri + "' (expected a libvirt URI such as qemu+tcp://"
                        + name + "/system)");
            }
        } catch (URISyntaxException e) {
            throw error(section, "uri", "is not a URI (" + e.getReason() + "; expected e.g. qemu+tcp://"
                    + name + "/system)");
        }
        return uri;
    }

    /**
     * oslo.config's BoolOpt spellings; another value is not shown (it may be a pasted broker URL), and it is read
     * raw, since an interpolation error would quote part of it.
     */
    private Optional<Boolean> bool(String section, String key) {
        Optional<String> value = ini.raw(section, key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> Optional.of(true);
            case "false", "no", "off", "0" -> Optional.of(false);
            default -> throw error(section, key, "is not true or false (the value is not shown; the broker the "
                    + "agents serve on is [DEFAULT] transport_url)");
        };
    }

    /**
     * A host name or address, read raw as {@link #bool} reads its value; a bad one is not shown (a broker URL pasted
     * into {@code host =} would carry its password).
     */
    private String hostname(String section, String key) {
        String value = rawOptional(section, key).orElseThrow(() -> missing(section, key));
        try {
            return MigrationUris.requireValidHostname(value);
        } catch (Invalid e) {
            throw error(section, key, "Invalid characters in hostname (expected 1-255 letters, digits, '_', '-', "
                    + "'.', ':', not starting with '-'; the value is not shown)");
        }
    }

    private Path readableFile(String section, String key) {
        Path p = Path.of(required(section, key));
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw error(section, key, "cannot read " + p + " on this machine");
        }
        return p;
    }

    private String uuid(String section, String key) {
        String value = required(section, key);
        try {
            if (UUID.fromString(value).toString().equalsIgnoreCase(value)) {
                return value.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // the refusal below
        }
        // not echoed: an operator may have pasted the key itself here
        throw error(section, key, "is not a uuid (expected the libvirt secret's uuid, e.g. "
                + "457eb676-33da-42ec-9a8c-9293d545c337; the value is not shown)");
    }

    private String rbdName(String section, String key, String value) {
        if (value == null) {
            throw missing(section, key);
        }
        if (!RBD_NAME.matcher(value).matches()) {
            throw error(section, key, "is '" + shown(value) + "' (expected letters, digits, '_', '-', '.')");
        }
        return value;
    }

    private int number(String section, String key, int dflt, int min, int max) {
        Optional<String> value = optional(section, key);
        if (value.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the refusal below
        }
        throw error(section, key, "is '" + shown(value.get()) + "' (expected a whole number from " + min
                + " to " + max + ")");
    }

    private String required(String section, String key) {
        return optional(section, key).orElseThrow(() -> missing(section, key));
    }

    private Optional<String> optional(String section, String key) {
        return ini.get(section, key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private Optional<String> rawOptional(String section, String key) {
        return ini.raw(section, key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private ConfigurationError missing(String section, String key) {
        return error(section, key, "is required");
    }

    private ConfigurationError error(String section, String key, String message) {
        return new ConfigurationError(file, "[" + section + "] " + key, message);
    }

    private static String shown(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
