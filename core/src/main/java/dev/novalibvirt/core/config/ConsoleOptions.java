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
 * @param serialPortRange            {@code [serial_console] port_range} (default 10000:20000)
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
