package dev.novalibvirt.cli.output;

import dev.novalibvirt.core.redaction.CephxKeyText;
import java.util.regex.Pattern;

/**
 * The last guard before anything is printed: cephx keys (base64 of a 28-byte key, {@code AQ...==}) and
 * {@code key = ...} assignments are masked. The library's messages name no secret; this catches what a daemon's
 * own error text might echo.
 */
public final class Redactor {
    static final String MASK = "<redacted>";
    private static final Pattern KEY_ASSIGNMENT = Pattern.compile("(?i)\\b(key|secret|password)(\\s*[=:]\\s*)(\"?)[^\\s\",}]+");

    private Redactor() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String masked = CephxKeyText.mask(text, MASK);
        return KEY_ASSIGNMENT.matcher(masked).replaceAll("$1$2$3" + MASK);
    }
}
