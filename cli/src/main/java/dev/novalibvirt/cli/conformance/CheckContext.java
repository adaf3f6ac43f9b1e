package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.conformance.ConformanceSite.AgentFacts;
import dev.novalibvirt.cli.conformance.ConformanceSite.BaseImageState;
import dev.novalibvirt.cli.conformance.ConformanceSite.HostVersions;
import dev.novalibvirt.core.driver.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checks of one run share: the config, the site, the run's one guest (named before anything starts, so
 * the last checks can look for it everywhere) and what earlier checks found: versions, what the agents answered,
 * the base image before the run, where the guest is now. Used by one thread.
 */
public final class CheckContext {
    private final SiteConfig config;
    private final ConformanceSite site;
    private final Instance guest;
    private final Map<String, HostVersions> versions = new LinkedHashMap<>();
    private final Map<String, AgentFacts> agents = new LinkedHashMap<>();
    private String cephCluster;
    private BaseImageState baseBefore;
    private boolean spawnAttempted;
    private SiteHost guestOn;
    private boolean destroyed;
    private boolean clean;

    public CheckContext(SiteConfig config, ConformanceSite site, Instance guest) {
        this.config = Objects.requireNonNull(config, "config");
        this.site = Objects.requireNonNull(site, "site");
        this.guest = Objects.requireNonNull(guest, "guest");
    }

    public SiteConfig config() {
        return config;
    }

    public ConformanceSite site() {
        return site;
    }

    /** The run's short-lived guest. */
    public Instance guest() {
        return guest;
    }

    void versions(SiteHost host, HostVersions value) {
        versions.put(host.name(), value);
    }

    /** The versions of each host that answered, by host name. */
    public Map<String, HostVersions> versions() {
        return Map.copyOf(versions);
    }

    public Optional<HostVersions> versions(SiteHost host) {
        return Optional.ofNullable(versions.get(host.name()));
    }

    void agent(SiteHost host, AgentFacts value) {
        agents.put(host.name(), value);
    }

    /** What {@code host}'s agent answered; empty when it did not (or the host is not reached through one). */
    public Optional<AgentFacts> agent(SiteHost host) {
        return Optional.ofNullable(agents.get(host.name()));
    }

    void cephCluster(String value) {
        this.cephCluster = value;
    }

    /** The cluster's release; empty when it did not answer. */
    public Optional<String> cephCluster() {
        return Optional.ofNullable(cephCluster);
    }

    void baseBefore(BaseImageState value) {
        this.baseBefore = value;
    }

    public Optional<BaseImageState> baseBefore() {
        return Optional.ofNullable(baseBefore);
    }

    void spawnAttempted() {
        this.spawnAttempted = true;
    }

    /** Whether the run may have created anything (a spawn was started). */
    public boolean createdSomething() {
        return spawnAttempted;
    }

    void guestOn(SiteHost host) {
        this.guestOn = host;
    }

    /** The host the guest runs on now; empty before the spawn, after the destroy, or when it is nowhere. */
    public Optional<SiteHost> guestOn() {
        return Optional.ofNullable(guestOn);
    }

    void destroyed() {
        this.destroyed = true;
        this.guestOn = null;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    void clean() {
        this.clean = true;
    }

    /** Whether the last look found nothing of the guest left anywhere. */
    public boolean isClean() {
        return clean;
    }
}
