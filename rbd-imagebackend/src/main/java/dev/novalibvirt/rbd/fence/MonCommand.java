package dev.novalibvirt.rbd.fence;

import dev.novalibvirt.rbd.rados.MonCommands;
import java.util.Map;

/**
 * One monitor command ({@code rados_mon_command}): the command as a map (serialised to JSON by the
 * transport), the output buffer back. A refused command throws a typed exception with the monitor's status.
 */
@FunctionalInterface
public interface MonCommand {
    String execute(Map<String, Object> command);

    /** Over the rbd backend's librados mon-command plumbing. */
    static MonCommand of(MonCommands monCommands) {
        return command -> monCommands.command(command).output();
    }
}
