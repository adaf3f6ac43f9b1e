package dev.novalibvirt.core.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.validation.SafeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of oslo.config's INI dialect that nova.conf uses: {@code [section]} headers, {@code key = value}
 * (or {@code key: value}) lines, {@code #}/{@code ;} comment lines, indented continuation lines and
 * {@code $option} / {@code ${option}} interpolation of options from the same section or {@code [DEFAULT]}.
 * Section names are case-insensitive except {@code DEFAULT}; the last occurrence of a key wins, as in oslo.
 *
 * <p>Limits: a file of at most {@link #MAX_BYTES}, no control characters but tab, interpolation at most
 * {@link #MAX_DEPTH} references deep (deeper is a cycle) and at most {@link #MAX_EXPANDED} characters per value
 * (a chain of {@code $a$a$a...} would otherwise expand exponentially).
 */
public final class IniFile {
    /** The largest file read. */
    public static final long MAX_BYTES = 1 << 20;
    /** How deep {@code $name} references may nest. */
    public static final int MAX_DEPTH = 10;
    /** The longest value an interpolation may produce. */
    public static final int MAX_EXPANDED = 64 * 1024;

    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** Reads a nova.conf style file; an unreadable file is a configuration error. */
    public static IniFile read(Path file) {
        if (file == null) {
            throw new InvalidConfiguration("configuration file is required (got null)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidConfiguration("Configuration file " + file + " is larger than " + MAX_BYTES
                        + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidConfiguration("Cannot read configuration file " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Parses INI text; a key outside any section or a malformed line is rejected with its line number. */
    public static IniFile parse(String text) {
        if (text == null) {
            throw new InvalidConfiguration("nova.conf text is required (got null)");
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            for (int c = 0; c < raw.length(); c++) {
                char ch = raw.charAt(c);
                if (ch < 0x20 && ch != '\t' || ch == 0x7f) {
                    int sep = indexOfSeparator(raw);
                    String where = sep > 0 ? " (" + (current == null ? "" : "option ")
                            + SafeText.printable(raw.substring(0, Math.min(sep, c)).strip()) + ")" : "";
                    throw new InvalidConfiguration("Line " + (i + 1) + where + " of nova.conf contains a control "
                            + "character (NUL, a lone CR, ...)");
                }
            }
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, line, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new InvalidConfiguration("Malformed section header at line " + (i + 1) + ": "
                            + SafeText.quote(line));
                }
                String name = normaliseSection(line.substring(1, line.length() - 1).strip());
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = indexOfSeparator(line);
            if (sep <= 0) {
                throw new InvalidConfiguration("Malformed line " + (i + 1) + " (expected 'key = value'): "
                        + SafeText.quote(line));
            }
            if (current == null) {
                throw new InvalidConfiguration("Option at line " + (i + 1) + " is outside any [section]");
            }
            lastKey = line.substring(0, sep).strip();
            current.put(lastKey, line.substring(sep + 1).strip());
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        sections.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return new IniFile(Collections.unmodifiableMap(frozen));
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String normaliseSection(String name) {
        return name.equals("DEFAULT") ? name : name.toLowerCase(Locale.ROOT);
    }

    /** The raw (uninterpolated) value of {@code [section] key}, if present. */
    public Optional<String> raw(String section, String key) {
        if (section == null || key == null) {
            throw new InvalidConfiguration("nova.conf lookup needs a section and a key (got "
                    + (section == null ? "no section" : "no key") + ")");
        }
        Map<String, String> s = sections.get(normaliseSection(section));
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key));
    }

    /** The value with {@code $name} references resolved against the same section, then {@code [DEFAULT]}. */
    public Optional<String> get(String section, String key) {
        return raw(section, key).map(v -> interpolate(section, key, v, 0));
    }

    private String interpolate(String section, String key, String value, int depth) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            throw new InvalidConfiguration("[" + section + "] " + key + ": $interpolation nests deeper than "
                    + MAX_DEPTH + " references (an option that refers to itself?)");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 >= value.length()) {
                out.append(c);
                continue;
            }
            if (value.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            int start = i + 1;
            int end;
            String name;
            if (value.charAt(start) == '{') {
                end = value.indexOf('}', start);
                if (end < 0) {
                    out.append(c);
                    continue;
                }
                name = value.substring(start + 1, end);
            } else {
                end = start;
                while (end < value.length() && (Character.isLetterOrDigit(value.charAt(end)) || value.charAt(end) == '_')) {
                    end++;
                }
                name = value.substring(start, end);
                end--;
            }
            Optional<String> ref = raw(section, name).or(() -> raw("DEFAULT", name))
                    .or(() -> Optional.ofNullable(BUILTIN_DEFAULTS.get(name)));
            if (ref.isEmpty()) {
                throw new InvalidConfiguration("[" + section + "] " + key + " refers to undefined option $"
                        + SafeText.printable(name) + " (write $$ for a literal $)");
            }
            out.append(interpolate(section, key, ref.get(), depth + 1));
            if (out.length() > MAX_EXPANDED) {
                throw new InvalidConfiguration("[" + section + "] " + key + ": $interpolation expands to more than "
                        + MAX_EXPANDED + " characters");
            }
            i = end;
        }
        return out.toString();
    }

    /** Defaults that nova.conf files commonly interpolate without setting them. */
    private static final Map<String, String> BUILTIN_DEFAULTS = Map.of("state_path", "/var/lib/nova");
}
