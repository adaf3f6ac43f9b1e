package dev.novalibvirt.conformance.secrets;

/** How a secret is shown in a report: not one character of it, only its length. */
final class Mask {
    private Mask() {
    }

    static String of(String secret) {
        return "****(" + secret.length() + " chars)";
    }
}
