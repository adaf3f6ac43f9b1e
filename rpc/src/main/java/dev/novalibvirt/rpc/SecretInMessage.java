package dev.novalibvirt.rpc;

/**
 * An argument or context value about to be sent carries a secret (a cephx key, a password, a keyring, a token).
 * Nothing was sent. The text names the JSON path of the field, never its value.
 */
public class SecretInMessage extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public SecretInMessage(String path) {
        super("refusing to send a secret value at " + path + " (secrets stay on the host that owns them)");
        this.path = path;
    }

    /** Where in the message the secret was, e.g. {@code args.migrate_data.bdms[0].connection_info_json.keyring}. */
    public String path() {
        return path;
    }
}
