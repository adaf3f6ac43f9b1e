package dev.novalibvirt.core.config;

/**
 * nova.conf {@code [workarounds]} options.
 *
 * @param ensureLibvirtRbdInstanceDirCleanup {@code ensure_libvirt_rbd_instance_dir_cleanup} (default false): remove the
 *        instance dir of RBD instances in cleanup even without migrate data; never with a shared instances_path
 * @param skipCpuCompareOnDest               {@code skip_cpu_compare_on_dest} (default false)
 */
public record WorkaroundsOptions(boolean ensureLibvirtRbdInstanceDirCleanup, boolean skipCpuCompareOnDest) {
    static WorkaroundsOptions read(IniFile ini) {
        OptionReader r = new OptionReader(ini, "workarounds");
        return new WorkaroundsOptions(r.bool("ensure_libvirt_rbd_instance_dir_cleanup", false),
                r.bool("skip_cpu_compare_on_dest", false));
    }
}
