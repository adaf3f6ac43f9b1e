package dev.novalibvirt.cli.conformance;

import java.util.List;

/** The cluster answers as {@code rbd_user} with the site's ceph.conf and keyring; its release goes into the report. */
final class CephClusterCheck implements Check {
    @Override
    public String id() {
        return "ceph_cluster";
    }

    @Override
    public CheckResult.Kind kind() {
        return CheckResult.Kind.SITE;
    }

    @Override
    public String proves() {
        return "RBDDriver (rbd_utils): the cluster as [libvirt] rbd_user through images_rbd_ceph_conf";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        SiteConfig c = context.config();
        String version = context.site().cephClusterVersion();
        context.cephCluster(version);
        String client = context.site().cephClientVersion().map(Object::toString).orElse("unknown");
        return List.of(verdict(true, "Ceph " + version + " as client." + c.user() + " (" + c.cephConf()
                + "); client libraries here: " + client));
    }
}
