package dev.novalibvirt.libvirt.host;

/** libvirt's answer to "can this host run that CPU" ({@code virConnectCompareCPU}), or that it cannot tell. */
public enum CpuComparison {
    /** The host CPU lacks features of the given one: a guest using it cannot run here. */
    INCOMPATIBLE,
    IDENTICAL,
    /** The host CPU has every feature of the given one and more. */
    SUPERSET,
    /** This libvirt/hypervisor cannot compare CPUs ({@code VIR_ERR_NO_SUPPORT}); Nova then lets it pass. */
    UNSUPPORTED;

    /** Whether a guest with the compared CPU can run on this host, as far as libvirt knows. */
    public boolean compatible() {
        return this != INCOMPATIBLE;
    }
}
