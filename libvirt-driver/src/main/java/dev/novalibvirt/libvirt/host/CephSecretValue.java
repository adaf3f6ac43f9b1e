package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.Arrays;
import java.util.Base64;

/**
 * What {@link Host#defineCephSecret} may hand libvirt, checked before libvirt is asked anything: a secret uuid, a
 * one-line usage name, and the bytes of a cephx key in Ceph's {@code CryptoKey} encoding: type (u16, 1 = AES),
 * creation time (u32 seconds, u32 nanoseconds), length (u16, 16) and the 16 key bytes: 28 bytes, whose base64 is the
 * 40 characters {@code ceph auth get-key} prints (and what {@code virsh secret-set-value --base64} decodes).
 * A value of another shape is refused by its length only: the key is never quoted, not even in part.
 */
public final class CephSecretValue {
    /** The length of an encoded cephx key. */
    public static final int LENGTH = 28;
    private static final int BASE64_LENGTH = 40;
    private static final int AES = 1;
    private static final int SECRET_LENGTH = 16;

    private CephSecretValue() {
    }

    /** @throws InvalidInput naming what is wrong, never showing the key */
    public static void check(String uuid, String usageName, byte[] value) {
        Checks.matches(uuid, "libvirt secret uuid", Checks.ANY_CASE_UUID, "a uuid");
        Checks.noControlChars(usageName, "libvirt secret usage name");
        Checks.maxLength(usageName, "libvirt secret usage name", 255);
        if (value == null) {
            throw new InvalidInput("the cephx key for libvirt secret " + uuid + " is required (got null)");
        }
        if (!isCephxKey(value)) {
            throw new InvalidInput("the value for libvirt secret " + uuid + " is not a cephx key: "
                    + expectedShape(value) + " (the value is not shown)");
        }
    }

    /** Whether {@code value} has the shape of an encoded cephx key; only its length and two header fields count. */
    public static boolean isCephxKey(byte[] value) {
        return value.length == LENGTH && u16(value, 0) == AES && u16(value, 10) == SECRET_LENGTH;
    }

    /** What a value that is not a cephx key should have been, and its length: never a byte of it. */
    public static String expectedShape(byte[] value) {
        return "expected the " + LENGTH + " bytes of an AES key (the base64 of 'ceph auth get-key' decoded), got "
                + value.length + " bytes of another shape";
    }

    /**
     * Whether {@code value} is the base64 text of a cephx key rather than its decoding (the keyring's
     * {@code key = ...} as it stands), a slip worth naming; the decoded copy is wiped.
     */
    public static boolean isBase64OfCephxKey(byte[] value) {
        if (value.length != BASE64_LENGTH) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            return isCephxKey(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
