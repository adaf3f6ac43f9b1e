package dev.novalibvirt.core.ceph;

/** A disk whose effective librbd caching would change by migrating from source to destination. */
public record CacheWarning(String disk, String sourceHost, RbdCachePrediction source, String destinationHost,
        RbdCachePrediction destination) {

    public String message() {
        return "disk " + disk + ": librbd caching differs, " + sourceHost + " has " + source.settings() + " ("
                + source.reason() + ") but " + destinationHost + " would have " + destination.settings() + " ("
                + destination.reason() + ")";
    }
}
