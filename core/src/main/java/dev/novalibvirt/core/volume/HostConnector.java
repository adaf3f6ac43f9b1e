package dev.novalibvirt.core.volume;

import dev.novalibvirt.core.validation.Checks;
import java.util.regex.Pattern;

/**
 * The connector a compute host hands Cinder when it attaches a volume (Nova's {@code get_volume_connector}, from
 * os-brick's {@code get_connector_properties}): the parts Cinder's RBD driver and the attachment record use.
 *
 * @param ip        {@code ip}: the address the host reaches storage from ({@code [DEFAULT] my_block_storage_ip})
 * @param host      {@code host}: the compute host's name ({@code CONF.host})
 * @param multipath {@code multipath}
 * @param platform  {@code platform}, e.g. {@code x86_64}
 * @param osType    {@code os_type}, e.g. {@code linux}
 */
public record HostConnector(String ip, String host, boolean multipath, String platform, String osType) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    /** @throws dev.novalibvirt.core.exception.InvalidInput naming the part */
    public HostConnector {
        Checks.host(ip, "volume connector ip");
        Checks.host(host, "volume connector host");
        Checks.matches(platform, "volume connector platform", TOKEN, "a platform such as x86_64");
        Checks.matches(osType, "volume connector os_type", TOKEN, "an os type such as linux");
    }

    /** A Linux x86_64 host without multipath. */
    public static HostConnector linux(String ip, String host) {
        return new HostConnector(ip, host, false, "x86_64", "linux");
    }
}
