package dev.novalibvirt.core.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
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
 */
public final class IniFile {
    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** Reads a nova.conf style file; an unreadable file is a configuration error. */
    public static IniFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfiguration("Cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses INI text; a key outside any section or a malformed line is rejected with its line number. */
    public static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
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
                    throw new InvalidConfiguration("Malformed section header at line " + (i + 1) + ": " + line);
                }
                String name = normaliseSection(line.substring(1, line.length() - 1).strip());
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = indexOfSeparator(line);
            if (sep <= 0) {
                throw new InvalidConfiguration("Malformed line " + (i + 1) + " (expected 'key = value'): " + line);
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
        Map<String, String> s = sections.get(normaliseSection(section));
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key));
    }

    /** The value with {@code $name} references resolved against the same section, then {@code [DEFAULT]}. */
    public Optional<String> get(String section, String key) {
        return raw(section, key).map(v -> interpolate(section, v, 0));
    }

    private String interpolate(String section, String value, int depth) {
        if (depth > 10 || value.indexOf('$') < 0) {
            return value;
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
                throw new InvalidConfiguration("[" + section + "] refers to undefined option $" + name);
            }
            out.append(interpolate(section, ref.get(), depth + 1));
            i = end;
        }
        return out.toString();
    }

    /** Defaults that nova.conf files commonly interpolate without setting them. */
    private static final Map<String, String> BUILTIN_DEFAULTS = Map.of("state_path", "/var/lib/nova");
}
