package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.libvirt.host.CephSecretValue;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The destination's cephx secret check of pre_live_migration: QEMU on the destination opens the RBD disks with the
 * libvirt secret {@code rbd_secret_uuid}, so it must exist there and hold the key of {@code rbd_user}. The key
 * source's key must have the shape of a cephx key ({@link CephSecretValue}) before it is compared or defined, so that
 * a malformed key is named as such rather than as a mismatch. Values are compared in constant time and never logged
 * or put into messages, not even in part.
 */
final class SecretCheck {

    /** What pre_live_migration must do about the secret once every check has passed. */
    enum Action { NOTHING, DEFINE }

    private SecretCheck() {
    }

    /**
     * Decides without changing anything.
     *
     * @throws MigrationPreCheckError when the key source's key is not a cephx key, or the secret is missing and may
     *         not be defined, or holds another value
     */
    static Action decide(Host host, String hostName, String secretUuid, CephxKeySource keys, boolean allowDefine) {
        Optional<Secret> secret = host.findSecret(secretUuid);
        Optional<byte[]> key = keys.cephxKey();
        try {
            key.ifPresent(k -> requireCephxKey(k, hostName, secretUuid));
            if (secret.isEmpty()) {
                if (key.isPresent() && allowDefine) {
                    return Action.DEFINE;
                }
                throw new MigrationPreCheckError("libvirt secret " + secretUuid + " ([libvirt] rbd_secret_uuid) is not "
                        + "defined on " + hostName + (key.isPresent() ? " and defining secrets is not allowed"
                        : " and no cephx key is configured to define it from"));
            }
            if (key.isPresent()) {
                // a secret defined without a value is a mismatch
                byte[] value = secret.get().value().orElse(null);
                try {
                    if (value == null || !MessageDigest.isEqual(value, key.get())) {
                        throw new MigrationPreCheckError("libvirt secret " + secretUuid + " on " + hostName
                                + " holds a different value than the configured cephx key; QEMU could not open the "
                                + "RBD disks there");
                    }
                } finally {
                    if (value != null) {
                        Arrays.fill(value, (byte) 0);
                    }
                }
            }
            return Action.NOTHING;
        } finally {
            key.ifPresent(k -> Arrays.fill(k, (byte) 0));
        }
    }

    /** Refuses a key of another shape by its length only; the key is never quoted. */
    private static void requireCephxKey(byte[] key, String hostName, String secretUuid) {
        if (CephSecretValue.isCephxKey(key)) {
            return;
        }
        String hint = CephSecretValue.isBase64OfCephxKey(key)
                ? "; it is the base64 text of a key, the key source must return it decoded" : "";
        throw new MigrationPreCheckError("the cephx key configured on " + hostName + " for libvirt secret "
                + secretUuid + " ([libvirt] rbd_secret_uuid, the key of rbd_user) is not a cephx key: "
                + CephSecretValue.expectedShape(key) + hint + " (the key is not shown)");
    }
}
