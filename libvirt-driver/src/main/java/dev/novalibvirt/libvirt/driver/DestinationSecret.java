package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.libvirt.host.Host;
import java.util.Arrays;
import dev.novalibvirt.core.exception.NovaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cephx secret a destination needs before the guest arrives (Nova assumes an operator defined it): checked
 * first, defined only after every check passed, and undefined again when pre_live_migration fails later. The key
 * lives only in arrays this class wipes.
 */
final class DestinationSecret {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationSecret.class);

    private final Host host;
    private final String hostName;
    private final LibvirtOptions libvirt;
    private final CephxKeySource keys;
    private final boolean allowDefine;

    DestinationSecret(Host host, String hostName, LibvirtOptions libvirt, CephxKeySource keys, boolean allowDefine) {
        this.host = host;
        this.hostName = hostName;
        this.libvirt = libvirt;
        this.keys = keys;
        this.allowDefine = allowDefine;
    }

    /** Decides without changing anything; only an rbd driver with {@code rbd_secret_uuid} has a secret to check. */
    SecretCheck.Action check() {
        if (!libvirt.usesRbd() || libvirt.rbdSecretUuid() == null) {
            return SecretCheck.Action.NOTHING;
        }
        return SecretCheck.decide(host, hostName, libvirt.rbdSecretUuid(), keys, allowDefine);
    }

    /** Defines {@code rbd_secret_uuid} with the key source's value. */
    void define() {
        byte[] key = keys.cephxKey().orElseThrow();
        try {
            host.defineCephSecret(libvirt.rbdSecretUuid(),
                    "client." + libvirt.rbdUser() + " secret " + libvirt.rbdSecretUuid(), key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        LOG.info("defined libvirt secret {} on {}", libvirt.rbdSecretUuid(), hostName);
    }

    /** Undoes {@link #define()} after a later step failed; a failure to undo is logged, the first error wins. */
    void undefineQuietly() {
        host.findSecret(libvirt.rbdSecretUuid()).ifPresent(s -> {
            try {
                s.undefine();
            } catch (NovaException ignored) {
                LOG.warn("could not undefine secret {} after a failed pre_live_migration", libvirt.rbdSecretUuid());
            }
        });
    }
}
