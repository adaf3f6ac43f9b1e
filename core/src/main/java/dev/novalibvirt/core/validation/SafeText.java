package dev.novalibvirt.core.validation;

import dev.novalibvirt.core.redaction.CephxKeyText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a value given by a caller, a configuration file or a peer is shown in an exception message or a log line:
 * quoted, with control and non-ASCII characters replaced by {@code ?}, cut to {@value #MAX_SHOWN} characters, and
 * not at all when it may be a secret (it looks like a cephx key, or it was given for a secret-ish field).
 */
public final class SafeText {
    /** The longest part of a value that a message shows. */
    public static final int MAX_SHOWN = 64;

    /** What a message shows instead of a value that may be a secret. */
    public static final String HIDDEN = "<value not shown>";

    /** A long base64 run (a key of another length or another kind), judged by {@link #mayBeSecret}. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{30,}={0,2}");
    private static final Pattern SECRET_FIELD =
            Pattern.compile(".*(secret|key|password|passwd|token|auth|credential).*");

    private SafeText() {
    }

    /**
     * {@code value} as a message may show it: {@code 'value'}, {@code null}, or {@link #HIDDEN} when it may be a
     * secret.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (mayBeSecret(value)) {
            return HIDDEN;
        }
        return "'" + printable(value) + "'";
    }

    /**
     * {@code value} as given for {@code field}: never shown when the field's name is secret-ish ({@code key},
     * {@code secret}, {@code password}, {@code token}, {@code auth}...), else as {@link #quote(String)}.
     */
    public static String quote(String field, String value) {
        if (value != null && isSecretField(field)) {
            return HIDDEN;
        }
        return quote(value);
    }

    /** Whether the value could be key material (a cephx key, or a long base64 run anywhere in it). */
    public static boolean mayBeSecret(String value) {
        if (value == null) {
            return false;
        }
        if (CephxKeyText.contains(value)) {
            return true;
        }
        java.util.regex.Matcher m = BASE64_RUN.matcher(value);
        while (m.find()) {
            String run = m.group();
            // random key material mixes cases and digits; names and paths of one case do not look like keys
            if (run.chars().anyMatch(Character::isUpperCase) && run.chars().anyMatch(Character::isLowerCase)
                    && run.chars().anyMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a field or option name is one whose values must never be shown. */
    public static boolean isSecretField(String field) {
        return field != null && SECRET_FIELD.matcher(field.toLowerCase(Locale.ROOT)).matches();
    }

    /** Control and non-ASCII characters as {@code ?}, cut to {@link #MAX_SHOWN} characters with the full length. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) : value;
        StringBuilder out = new StringBuilder(cut.length() + 24);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (cut.length() < value.length()) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
