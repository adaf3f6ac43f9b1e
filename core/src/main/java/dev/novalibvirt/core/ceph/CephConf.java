package dev.novalibvirt.core.ceph;

import dev.novalibvirt.core.validation.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed ceph.conf, as librados reads it ({@code rados_conf_read_file}): INI sections, option names in which
 * spaces, dashes and underscores are the same ({@code rbd cache} = {@code rbd_cache}), {@code #}/{@code ;}
 * comments, quoted values, and the section precedence {@code [client.NAME]} over {@code [client]} over
 * {@code [global]} for a client entity.
 *
 * <p>Only what a client reads is modelled; metavariables ({@code $pid}) are kept verbatim. Secret material in a
 * ceph.conf ({@code key = ...}) is never echoed in exception messages.
 */
public final class CephConf {
    private final Map<String, Map<String, String>> sections;

    private CephConf(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** An empty configuration: what a client sees when no ceph.conf exists. */
    public static CephConf empty() {
        return new CephConf(Map.of());
    }

    /** The largest ceph.conf read (real ones are a few KiB). */
    public static final long MAX_BYTES = 1 << 20;

    /** Reads a ceph.conf; an unreadable, oversized or malformed file is a {@link CephConfigException}. */
    public static CephConf read(Path file) {
        if (file == null) {
            throw new CephConfigException("ceph.conf file is required (got null)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CephConfigException("ceph.conf " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(file));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CephConfigException("cannot read ceph.conf " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * Parses ceph.conf text; a line that is neither a section, an option nor a comment is an error, and so are
     * control characters, an unterminated quote and a backslash continuing past the end of the text.
     */
    public static CephConf parse(String text) {
        if (text == null) {
            throw new CephConfigException("ceph.conf text is required (got null)");
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\r?\n", -1);
        int lineNo = 0;
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            lineNo++;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new CephConfigException("ceph.conf line " + lineNo + ": control character (NUL, CR, ...)");
                }
            }
            // a trailing backslash continues the logical line
            if (raw.endsWith("\\")) {
                if (lineNo == lines.length) {
                    throw new CephConfigException("ceph.conf line " + lineNo
                            + ": trailing backslash continues past the end of the file");
                }
                pending.append(raw, 0, raw.length() - 1);
                continue;
            }
            String line = stripComment(pending.append(raw).toString()).strip();
            pending.setLength(0);
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new CephConfigException("ceph.conf line " + lineNo + ": malformed section header");
                }
                section = line.substring(1, line.length() - 1).strip();
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CephConfigException("ceph.conf line " + lineNo + ": expected 'name = value'");
            }
            if (section == null) {
                throw new CephConfigException("ceph.conf line " + lineNo + ": option outside of any section");
            }
            String key = normalizeKey(line.substring(0, eq));
            String value = unquote(line.substring(eq + 1).strip(), lineNo);
            sections.get(section).put(key, value);
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        sections.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return new CephConf(Collections.unmodifiableMap(frozen));
    }

    /** Ceph treats spaces, dashes and underscores in option names alike; we use underscores. */
    public static String normalizeKey(String key) {
        return key.strip().replaceAll("[\\s_-]+", "_").toLowerCase(Locale.ROOT);
    }

    /**
     * The value a client with entity name {@code entity} (for example {@code client.nova}) reads for
     * {@code option}, with the section that provided it.
     */
    public Optional<Setting> lookup(String entity, String option) {
        if (option == null) {
            throw new CephConfigException("ceph.conf lookup: option is required (got null)");
        }
        String key = normalizeKey(option);
        for (String section : sectionsFor(entity)) {
            Map<String, String> values = sections.get(section);
            if (values != null && values.containsKey(key)) {
                return Optional.of(new Setting(key, values.get(key), section));
            }
        }
        return Optional.empty();
    }

    /** Sections consulted for an entity, most specific first. */
    static List<String> sectionsFor(String entity) {
        String name = entity == null || entity.isBlank() ? "client.admin" : entity.strip();
        int dot = name.indexOf('.');
        String type = dot > 0 ? name.substring(0, dot) : name;
        return dot > 0 ? List.of(name, type, "global") : List.of(type, "global");
    }

    /** Section names in file order. */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /** One option value and the section it came from. */
    public record Setting(String option, String value, String section) {
        /** Parses the value the way Ceph parses a boolean option (true/false, or an integer). */
        public boolean asBoolean() {
            return parseBoolean(option, value);
        }
    }

    /** Ceph's boolean syntax: {@code true}/{@code false} in any case, or an integer (non-zero is true). */
    public static boolean parseBoolean(String option, String value) {
        String v = value == null ? "" : value.strip();
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            return Long.parseLong(v) != 0;
        } catch (NumberFormatException e) {
            throw new CephConfigException("option " + option + ": " + SafeText.quote(option, v)
                    + " is not a boolean (true, false or a number)");
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == ';')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value, int lineNo) {
        long quotes = value.chars().filter(c -> c == '"').count();
        if (quotes % 2 != 0) {
            throw new CephConfigException("ceph.conf line " + lineNo + ": unterminated quote in the value");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
