package dev.novalibvirt.rbd.fence;

/**
 * One monitor command ({@code rados_mon_command}): a JSON command in, the output buffer out. A refused
 * command throws {@link FenceException} with the monitor's status text.
 */
@FunctionalInterface
public interface MonCommand {
    String execute(String jsonCommand);
}
