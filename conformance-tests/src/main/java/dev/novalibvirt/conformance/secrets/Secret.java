package dev.novalibvirt.conformance.secrets;

import dev.novalibvirt.core.exception.InvalidInput;
import java.util.Base64;

/**
 * A secret the scan looks for. {@link #toString()} never shows the value, so a secret that ends up in an
 * assertion message or a log line by accident stays hidden.
 *
 * @param kind  what it is, e.g. {@code client.nova cephx key}; printed in reports
 * @param type  a cephx key (searched in its base64 and raw-bytes forms) or a password (searched as it is)
 * @param value the secret itself: a cephx key in base64 as in a keyring, or the password
 */
public record Secret(String kind, Type type, String value) {
    /** Shorter values would match by chance in megabytes of logs. */
    static final int MIN_LENGTH = 8;

    public enum Type { CEPHX_KEY, PASSWORD }

    public Secret {
        if (kind == null || kind.isBlank() || type == null) {
            throw new InvalidInput("a secret needs a kind and a type");
        }
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new InvalidInput("the " + kind + " is missing or shorter than " + MIN_LENGTH
                    + " characters; a scan for it would match by chance");
        }
        value = value.strip();
        if (type == Type.CEPHX_KEY && decoded(value) == null) {
            throw new InvalidInput("the " + kind + " is not base64 (expected a key as a keyring holds it)");
        }
    }

    public static Secret cephxKey(String kind, String base64) {
        return new Secret(kind, Type.CEPHX_KEY, base64);
    }

    public static Secret password(String kind, String password) {
        return new Secret(kind, Type.PASSWORD, password);
    }

    /** The key's bytes (a cephx key is 2 bytes type, 8 bytes creation time, 2 bytes length, the AES key). */
    byte[] keyBytes() {
        return decoded(value);
    }

    private static byte[] decoded(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The masked form reports print: the kind and the length, no character of the value. */
    public String masked() {
        return kind + " (" + Mask.of(value) + ")";
    }

    @Override
    public String toString() {
        return "Secret[" + masked() + "]";
    }
}
