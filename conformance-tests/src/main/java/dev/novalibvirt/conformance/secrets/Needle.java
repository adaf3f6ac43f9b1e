package dev.novalibvirt.conformance.secrets;

import java.util.Locale;

/**
 * One form of a secret as it could appear in text: {@code base64}, {@code hex of the key bytes}, URL-encoded...
 *
 * @param secret     the secret it comes from
 * @param form       the form's name, printed in reports
 * @param text       the text to look for (lower case when {@code ignoreCase})
 * @param ignoreCase hex may be printed in either case
 */
record Needle(Secret secret, String form, String text, boolean ignoreCase) {
    Needle {
        if (ignoreCase) {
            text = text.toLowerCase(Locale.ROOT);
        }
    }

    /** A placeholder that names the secret and the form, put where the secret was in a reported line. */
    String placeholder() {
        return "<" + secret.kind() + ", " + form + ">";
    }

    @Override
    public String toString() {
        return "Needle[" + secret.masked() + ", " + form + "]";
    }
}
