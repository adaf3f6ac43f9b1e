package dev.novalibvirt.conformance.secrets;

/**
 * A secret found where it must not be. Holds no secret: the line is the masked one.
 *
 * @param where      {@code file:line}, or the command / libvirt call and the line of its output
 * @param what       which secret (its kind) or which rule
 * @param form       in which form it was found ({@code base64}, {@code hex of the AES key}...)
 * @param maskedLine the line with every secret replaced by a placeholder naming it, cut when long
 */
public record SecretHit(String where, String what, String form, String maskedLine) {
    @Override
    public String toString() {
        return where + ": " + what + " (" + form + "): " + maskedLine;
    }
}
