package dev.novalibvirt.libvirt.driver;

import java.util.Optional;

/**
 * Where this host may read the cephx key of {@code rbd_user} from (a keyring the operator deployed), so the driver
 * can check, and if allowed define, the libvirt secret {@code rbd_secret_uuid}. The key is returned as the raw bytes
 * libvirt stores (the base64-decoded cephx key: 28 bytes, see {@code CephSecretValue}) and must never be logged; a
 * value of another shape refuses pre_live_migration before anything changes.
 */
@FunctionalInterface
public interface CephxKeySource {
    /** The key as a fresh array the caller wipes after use, or empty when this host has no key to compare with. */
    Optional<byte[]> cephxKey();

    /** A source that knows no key: the secret must exist, its value cannot be verified. */
    static CephxKeySource none() {
        return Optional::empty;
    }
}
