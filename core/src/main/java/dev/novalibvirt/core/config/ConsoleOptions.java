package dev.novalibvirt.core.config;

/**
 * nova.conf {@code [vnc]}, {@code [spice]} and {@code [serial_console]} options that reach migrate data.
 *
 * @param vncEnabled                 {@code [vnc] enabled} (default true)
 * @param vncServerListen            {@code [vnc] server_listen} (default 127.0.0.1)
 * @param spiceEnabled               {@code [spice] enabled} (default false)
 * @param spiceServerListen          {@code [spice] server_listen} (default 127.0.0.1)
 * @param serialEnabled              {@code [serial_console] enabled} (default false)
 * @param serialProxyclientAddress   {@code [serial_console] proxyclient_address} (default 127.0.0.1)
 * @param serialPortRange            {@code [serial_console] port_range} (default 10000:20000): start, inclusive, to
 *                                   stop, exclusive (Nova's {@code range(start, stop)})
 */
public record ConsoleOptions(boolean vncEnabled, String vncServerListen, boolean spiceEnabled, String spiceServerListen,
                             boolean serialEnabled, String serialProxyclientAddress, String serialPortRange) {

    /** @throws dev.novalibvirt.core.exception.InvalidConfiguration naming the option */
    public ConsoleOptions {
        OptionChecks.host("vnc", "server_listen", vncServerListen);
        OptionChecks.host("spice", "server_listen", spiceServerListen);
        OptionChecks.host("serial_console", "proxyclient_address", serialProxyclientAddress);
        OptionChecks.portRange("serial_console", "port_range", serialPortRange);
    }

    /** The first port of {@code port_range}. */
    public int serialPortRangeStart() {
        return Integer.parseInt(serialPortRange.substring(0, serialPortRange.indexOf(':')));
    }

    /** The end of {@code port_range}, exclusive, as in Nova's {@code acquire_port}. */
    public int serialPortRangeStop() {
        return Integer.parseInt(serialPortRange.substring(serialPortRange.indexOf(':') + 1));
    }

    static ConsoleOptions read(IniFile ini) {
        OptionReader vnc = new OptionReader(ini, "vnc");
        OptionReader spice = new OptionReader(ini, "spice");
        OptionReader serial = new OptionReader(ini, "serial_console");
        return new ConsoleOptions(
                vnc.bool("enabled", true), vnc.string("server_listen", "127.0.0.1"),
                spice.bool("enabled", false), spice.string("server_listen", "127.0.0.1"),
                serial.bool("enabled", false), serial.string("proxyclient_address", "127.0.0.1"),
                serial.string("port_range", "10000:20000"));
    }
}
