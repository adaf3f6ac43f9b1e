package dev.novalibvirt.core.redaction;

import java.util.regex.Pattern;

/**
 * The one rule for recognising a cephx key in text, shared by everything that keeps keys out of messages, logs and
 * the wire (exception quoting, the RPC secret guard, the CLI's last redaction). A key is what
 * {@code ceph auth get-key} prints: the base64 of 28 bytes (type, creation time, length, 16 key bytes), 40
 * characters whose key-type bytes encode as {@code AQ}. Its {@code ==} padding is optional here, so a key whose
 * padding was cut off (pasted, URL-decoded, split by a log line) is still caught.
 */
public final class CephxKeyText {
    private static final Pattern KEY = Pattern.compile("AQ[A-Za-z0-9+/]{36}(?:==)?");

    private CephxKeyText() {
    }

    /** Whether {@code text} holds a cephx key anywhere. */
    public static boolean contains(CharSequence text) {
        return text != null && KEY.matcher(text).find();
    }

    /** {@code text} with every cephx key replaced by {@code mask}; null stays null. */
    public static String mask(String text, String mask) {
        return text == null ? null : KEY.matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(mask));
    }
}
