package dev.novalibvirt.core.config;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.validation.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Typed access to one section of an {@link IniFile}, with oslo.config's parsing rules for each type. */
final class OptionReader {
    private final IniFile ini;
    private final String section;

    OptionReader(IniFile ini, String section) {
        this.ini = ini;
        this.section = section;
    }

    /** A string option; an empty value counts as unset for options whose default is None. */
    Optional<String> optString(String key) {
        return ini.get(section, key).filter(v -> !v.isEmpty());
    }

    String string(String key, String def) {
        return ini.get(section, key).orElse(def);
    }

    String choice(String key, String def, Set<String> choices) {
        String v = string(key, def);
        if (!choices.contains(v)) {
            throw invalid(key, v, "must be one of " + choices);
        }
        return v;
    }

    /** A string option with choices whose default is None: unset or empty gives null. */
    String optChoice(String key, Set<String> choices) {
        Optional<String> v = optString(key);
        if (v.isPresent() && !choices.contains(v.get())) {
            throw invalid(key, v.get(), "must be one of " + choices);
        }
        return v.orElse(null);
    }

    /** oslo.config's BoolOpt accepts true/false, yes/no, on/off and 1/0, case-insensitively. */
    boolean bool(String key, boolean def) {
        Optional<String> v = ini.get(section, key);
        if (v.isEmpty()) {
            return def;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw invalid(key, v.get(), "is not a boolean");
        }
    }

    int integer(String key, int def, int min) {
        return integer(key, def, min, Integer.MAX_VALUE);
    }

    /** An IntOpt with oslo's min and max. */
    int integer(String key, int def, int min, int max) {
        Optional<String> v = ini.get(section, key);
        if (v.isEmpty()) {
            return def;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw invalid(key, v.get(), "is not an integer");
        }
        if (parsed < min) {
            throw invalid(key, v.get(), "is less than the minimum " + min);
        }
        if (parsed > max) {
            throw invalid(key, v.get(), "is greater than the maximum " + max);
        }
        return parsed;
    }

    /** ListOpt: comma separated, blanks dropped. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        ini.get(section, key).ifPresent(v -> {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        });
        return List.copyOf(out);
    }

    /** The refusal of {@code [section] key = value}; the value is shown only if it cannot be a secret. */
    InvalidConfiguration invalid(String key, String value, String why) {
        return invalid(section, key, value, why);
    }

    static InvalidConfiguration invalid(String section, String key, String value, String why) {
        return new InvalidConfiguration("[" + section + "] " + key + " = " + SafeText.quote(key, value) + " " + why);
    }
}
