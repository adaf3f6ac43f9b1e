package dev.novalibvirt.conformance.secrets;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for QEMU's {@code secret} objects, the way libvirt hands QEMU the cephx key: the value comes from a
 * file (the per-domain master key) or as {@code data} encrypted with that master key, which then names it in
 * {@code keyid}. A secret object with {@code data} and no {@code keyid} carries the key in the clear on QEMU's
 * command line (and in its log), even when the key's text is not recognisable (another encoding).
 * Both syntaxes: {@code -object secret,id=..,data=..} and {@code -object '{"qom-type":"secret",...}'}.
 */
public final class QemuSecretObjects {
    private static final Pattern SECRET_OBJECT = Pattern.compile(
            "\"qom-type\"\\s*:\\s*\"secret\"|(^|[\\s'])secret,|qom-type=secret\\b");
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:|[,{]data=");
    private static final Pattern KEYID = Pattern.compile("\"keyid\"\\s*:|[,{]keyid=");
    private static final Pattern DATA_VALUE = Pattern.compile("(\"data\"\\s*:\\s*\")[^\"]*(\")|([,{]data=)[^,}'\\s]*");

    private QemuSecretObjects() {
    }

    /**
     * A hit when {@code line} (one QEMU argument, or one line of a QEMU log) defines a secret object whose data
     * is not encrypted; the reported line has the data replaced.
     */
    public static Optional<SecretHit> check(String where, String line) {
        if (!SECRET_OBJECT.matcher(line).find() || !DATA.matcher(line).find() || KEYID.matcher(line).find()) {
            return Optional.empty();
        }
        String masked = DATA_VALUE.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null
                ? m.group(1) + "<data>" + m.group(2) : m.group(3) + "<data>"));
        return Optional.of(new SecretHit(where, "a QEMU secret object",
                "data without keyid: not encrypted with the domain's master key", masked));
    }
}
