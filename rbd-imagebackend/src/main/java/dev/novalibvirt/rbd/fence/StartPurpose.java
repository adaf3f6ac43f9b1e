package dev.novalibvirt.rbd.fence;

/** Why a guest is being started on this host; decides whether {@link DiskGuard} checks its disks. */
public enum StartPurpose {
    /** Nova's spawn: a new guest. */
    SPAWN(true),
    /** power_on / resume_state_on_host_boot / hard reboot of an existing guest. */
    START(true),
    /** rebuild on another host after its host was declared dead. */
    EVACUATE(true),
    /** pre_live_migration on the destination: the source legitimately holds the image until switch-over. */
    LIVE_MIGRATION_DESTINATION(false);

    private final boolean guarded;

    StartPurpose(boolean guarded) {
        this.guarded = guarded;
    }

    public boolean guarded() {
        return guarded;
    }
}
