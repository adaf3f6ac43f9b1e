package dev.novalibvirt.rpc.compute;

import dev.novalibvirt.rpc.config.RpcOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The call/cast table of the contract on the wire, one entry per {@code ComputeDriver} method and per
 * {@code HostProbe} method. Where Nova's compute
 * rpcapi ({@code nova/compute/rpcapi.py}, API 6.x) has the step, its name, call or cast, topic and timeouts are
 * Nova's: the pre-checks are calls on topic {@code compute}; pre_live_migration and
 * post_live_migration_at_destination are long calls on {@code compute-alt} (the topic Nova 6.5 added so a compute
 * that is shutting down still finishes migrations); live_migration and rollback_live_migration_at_destination are
 * casts on {@code compute-alt}; abort and force-complete casts on {@code compute}. Casts report their outcome back
 * ({@code report_to}). Steps that Nova's manager runs locally on the host (spawn, cleanup, get_info, the post and
 * rollback steps at the source...) are calls here, because the caller is not on that host; those of a running
 * migration go to {@code compute-alt} like Nova's. The last four are recovery's ({@code MigrationRecovery} through
 * {@link RemoteHostProbe}), which Nova does not have.
 */
public enum ComputeRpcMethod {
    GET_AVAILABLE_RESOURCE("get_available_resource", Kind.CALL, Topic.COMPUTE, Wait.SHORT, false),
    SPAWN("spawn", Kind.CALL, Topic.COMPUTE, Wait.LONG, false),
    DESTROY("destroy", Kind.CALL, Topic.COMPUTE, Wait.LONG, false),
    CLEANUP("cleanup", Kind.CALL, Topic.COMPUTE, Wait.LONG, false),
    GET_INFO("get_info", Kind.CALL, Topic.COMPUTE, Wait.SHORT, false),
    INSTANCE_EXISTS("instance_exists", Kind.CALL, Topic.COMPUTE, Wait.SHORT, false),
    CHECK_CAN_LIVE_MIGRATE_DESTINATION("check_can_live_migrate_destination", Kind.CALL, Topic.COMPUTE, Wait.LONG, true),
    CLEANUP_LIVE_MIGRATION_DESTINATION_CHECK("cleanup_live_migration_destination_check", Kind.CALL, Topic.COMPUTE,
            Wait.SHORT, false),
    CHECK_CAN_LIVE_MIGRATE_SOURCE("check_can_live_migrate_source", Kind.CALL, Topic.COMPUTE, Wait.SHORT, true),
    PRE_LIVE_MIGRATION("pre_live_migration", Kind.CALL, Topic.COMPUTE_ALT, Wait.LONG, true),
    LIVE_MIGRATION("live_migration", Kind.CAST, Topic.COMPUTE_ALT, Wait.UNTIL_DONE, true),
    LIVE_MIGRATION_ABORT("live_migration_abort", Kind.CAST, Topic.COMPUTE, Wait.SHORT, true),
    LIVE_MIGRATION_FORCE_COMPLETE("live_migration_force_complete", Kind.CAST, Topic.COMPUTE, Wait.SHORT, true),
    POST_LIVE_MIGRATION("post_live_migration", Kind.CALL, Topic.COMPUTE_ALT, Wait.LONG, false),
    POST_LIVE_MIGRATION_AT_SOURCE("post_live_migration_at_source", Kind.CALL, Topic.COMPUTE_ALT, Wait.SHORT, false),
    POST_LIVE_MIGRATION_AT_DESTINATION("post_live_migration_at_destination", Kind.CALL, Topic.COMPUTE_ALT, Wait.LONG,
            true),
    ROLLBACK_LIVE_MIGRATION_AT_SOURCE("rollback_live_migration_at_source", Kind.CALL, Topic.COMPUTE_ALT, Wait.SHORT,
            false),
    ROLLBACK_LIVE_MIGRATION_AT_DESTINATION("rollback_live_migration_at_destination", Kind.CAST, Topic.COMPUTE_ALT,
            Wait.LONG, true),
    /**
     * Recovery's look at one host ({@code HostProbe.view}): the domain (absent, defined, running, paused), whether
     * it is persistent, libvirt's job type, whether the instance dir exists; read-only. Nova has no such method:
     * its {@code _init_instance} and {@code _cleanup_incomplete_migrations} run on the compute host itself and read
     * the database, never the other hypervisor; here the controller's {@code recover()} decides from both hosts'
     * truth and may reach the hosts only through their agents.
     */
    GET_LIVE_MIGRATION_RECOVERY_INFO("get_live_migration_recovery_info", Kind.CALL, Topic.COMPUTE, Wait.SHORT,
            false),
    /** Recovery resumes the keeper's paused domain ({@code HostProbe.resume}); not in Nova, as above. */
    LIVE_MIGRATION_RECOVERY_RESUME("live_migration_recovery_resume", Kind.CALL, Topic.COMPUTE_ALT, Wait.SHORT,
            false),
    /** Recovery defines the keeper's transient domain persistently ({@code HostProbe.persist}); not in Nova. */
    LIVE_MIGRATION_RECOVERY_PERSIST("live_migration_recovery_persist", Kind.CALL, Topic.COMPUTE_ALT, Wait.SHORT,
            false),
    /** Recovery stops the losing side's QEMU without undefining it ({@code HostProbe.powerOff}); not in Nova. */
    LIVE_MIGRATION_RECOVERY_POWER_OFF("live_migration_recovery_power_off", Kind.CALL, Topic.COMPUTE_ALT, Wait.SHORT,
            false);

    /** Nova's exchange ({@code control_exchange} as Nova sets it). */
    public static final String EXCHANGE = "nova";
    /** The API version every message carries: Nova's compute RPC API major, whose method names are used. */
    public static final String VERSION = "6.0";

    /** How the step travels. */
    public enum Kind { CALL, CAST }

    /** Nova's {@code RPC_TOPIC} and {@code RPC_TOPIC_ALT}. */
    public enum Topic {
        COMPUTE("compute"), COMPUTE_ALT("compute-alt");

        private final String wireName;

        Topic(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** How long the caller waits; Nova's rpcapi gives long calls {@code long_rpc_timeout} with a call monitor. */
    public enum Wait {
        /** {@code rpc_response_timeout}, no heartbeats (oslo's default for a call). */
        SHORT,
        /** {@code long_rpc_timeout} overall, heartbeats within {@code rpc_response_timeout}. */
        LONG,
        /** No overall limit (libvirt's job and Nova's completion timeout end it), heartbeats as for LONG. */
        UNTIL_DONE;

        /** The overall timeout, or null for none. */
        public Duration timeout(RpcOptions o) {
            return switch (this) {
                case SHORT -> o.rpcResponseTimeout();
                case LONG -> o.longRpcTimeout();
                case UNTIL_DONE -> null;
            };
        }

        /** The call-monitor timeout, or null for none. */
        public Duration callMonitor(RpcOptions o) {
            return this == SHORT ? null : o.rpcResponseTimeout();
        }
    }

    private final String wireName;
    private final Kind kind;
    private final Topic topic;
    private final Wait wait;
    private final boolean inNovaRpcApi;

    ComputeRpcMethod(String wireName, Kind kind, Topic topic, Wait wait, boolean inNovaRpcApi) {
        this.wireName = wireName;
        this.kind = kind;
        this.topic = topic;
        this.wait = wait;
        this.inNovaRpcApi = inNovaRpcApi;
    }

    /** The {@code method} of the message (Nova's name where Nova has the step). */
    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public Topic topic() {
        return topic;
    }

    public Wait waits() {
        return wait;
    }

    /** Whether Nova's compute rpcapi has a method of this name. */
    public boolean inNovaRpcApi() {
        return inNovaRpcApi;
    }

    public static Optional<ComputeRpcMethod> byWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
