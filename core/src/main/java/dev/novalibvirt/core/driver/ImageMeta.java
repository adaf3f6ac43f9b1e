package dev.novalibvirt.core.driver;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * The parts of Nova's {@code ImageMeta} spawn needs: which Glance image, its disk format and (with Glance's
 * {@code show_multiple_locations}) its direct location, e.g. {@code rbd://<fsid>/images/<id>/snap}, which the RBD
 * backend clones copy-on-write.
 *
 * @param id         Glance image id
 * @param diskFormat e.g. {@code raw}
 * @param location   direct location, or null when only the id is known
 */
public record ImageMeta(String id, String diskFormat, String location) {
    private static final Pattern DISK_FORMAT = Pattern.compile("[a-z0-9]{1,16}");
    /** One part of an rbd:// location: a fsid, pool, image or snapshot name (Nova's {@code _parse_location}). */
    private static final Pattern RBD_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    /**
     * @throws InvalidInput naming the field: an id or format that is not a plain name, a location with control
     *                      characters, credentials, or an rbd:// location that is not fsid/pool/image/snapshot
     */
    public ImageMeta {
        Checks.simpleName(id, "image id");
        Checks.matches(diskFormat, "image " + id + " diskFormat", DISK_FORMAT,
                "a disk format (raw, qcow2, ...: 1-16 of [a-z0-9])");
        if (location != null) {
            checkLocation(id, location);
        }
    }

    private static void checkLocation(String id, String location) {
        String field = "image " + id + " location";
        Checks.maxLength(location, field, Checks.MAX_PATH);
        try {
            Checks.noControlChars(location, field);
        } catch (InvalidInput e) {
            throw new InvalidInput(field + " contains a control character (NUL, CR, LF, ...)");
        }
        int scheme = location.indexOf("://");
        int at = location.indexOf('@');
        int slash = scheme < 0 ? -1 : location.indexOf('/', scheme + 3);
        if (scheme > 0 && at > scheme && (slash < 0 || at < slash) && !location.startsWith("rbd://")) {
            throw new InvalidInput(field + " carries credentials (user:password@) and is not shown; "
                    + "a direct image location names no credentials");
        }
        if (location.startsWith("rbd://")) {
            String[] parts = location.substring("rbd://".length()).split("/", -1);
            boolean ok = parts.length == 4;
            for (int i = 0; ok && i < parts.length; i++) {
                ok = RBD_PART.matcher(parts[i]).matches() && !parts[i].contains("..");
            }
            if (!ok) {
                throw new InvalidInput(field + " is not rbd://<fsid>/<pool>/<image>/<snapshot> with plain names "
                        + "(no '..', '@', '%' or empty parts)");
            }
        }
    }
}
