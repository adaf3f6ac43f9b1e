package dev.novalibvirt.cli.conformance;

import java.util.List;
import java.util.Optional;

/**
 * The host's libvirt secret {@code rbd_secret_uuid} holds the key of {@code client.<rbd_user>} in the site's
 * keyring, as pre_live_migration checks it on a destination. Compared by the site, never shown: the report names
 * the state only.
 */
final class CephxSecretCheck implements Check {
    private final SiteHost host;

    CephxSecretCheck(SiteHost host) {
        this.host = host;
    }

    @Override
    public String id() {
        return "cephx_secret[" + host.name() + "]";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.SITE;
    }

    @Override
    public String proves() {
        return "[libvirt] rbd_secret_uuid on " + host.name()
                + " holds rbd_user's key (what pre_live_migration checks on a destination)";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        // pre_live_migration through the agent still compares it on a destination; only this early look needs libvirt
        Optional<CheckResult> skipped = LibvirtOnly.skipUnlessUri(this, host, "libvirt secret values");
        if (skipped.isPresent()) {
            return List.of(skipped.get());
        }
        SiteConfig c = context.config();
        String secret = "libvirt secret " + c.secretUuid() + " on " + host.name();
        String key = "the key of client." + c.user() + " in " + c.keyring();
        return List.of(switch (context.site().secret(host)) {
            case MATCHES -> verdict(true, secret + " holds " + key);
            case DIFFERENT -> verdict(false, secret + " holds a different key than " + key
                    + "; QEMU there could not open the RBD disks");
            case NO_VALUE -> verdict(false, secret + " is defined without a value");
            case MISSING -> verdict(false, secret + " is not defined");
            case NO_KEY -> verdict(false, c.keyring() + " holds no key for client." + c.user());
        });
    }
}
