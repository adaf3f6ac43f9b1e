package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.SafeText;
import java.util.regex.Pattern;

/**
 * Validation of pool, image and snapshot names before they reach librbd or a domain XML. RBD itself accepts
 * almost any byte string, but {@code /} separates pool and image and {@code @} image and snapshot in every
 * spec ({@code pool/image@snap}, QEMU's {@code rbd:} paths, libvirt's {@code name='pool/image'}), so a name
 * containing them would address another object. We accept a conservative set and refuse the rest with
 * {@link InvalidInput} before anything is created or removed.
 */
public final class RbdNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+=-]{0,126}");

    private RbdNames() {
    }

    /** Checks an image name (e.g. {@code <uuid>_disk}, a Glance image id). */
    public static String image(String name) {
        return check("image", name);
    }

    /** Checks a pool name. */
    public static String pool(String name) {
        return check("pool", name);
    }

    /** Checks a snapshot name. */
    public static String snapshot(String name) {
        return check("snapshot", name);
    }

    private static String check(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidInput("rbd " + kind + " name '" + printable(name) + "' is not allowed: use 1-127"
                    + " characters of [A-Za-z0-9_.+=-], starting alphanumeric, without '/', '@' or '..'");
        }
        return name;
    }

    /** Checks a size in bytes for create/resize: strictly positive. */
    public static long size(long bytes) {
        if (bytes <= 0) {
            throw new InvalidInput("size must be > 0 bytes, got " + bytes);
        }
        return bytes;
    }

    /** {@code s} as a message may show it: cut, control characters as '?', and not at all if it may be a key. */
    static String printable(String s) {
        return SafeText.mayBeSecret(s) ? SafeText.HIDDEN : SafeText.printable(s);
    }
}
