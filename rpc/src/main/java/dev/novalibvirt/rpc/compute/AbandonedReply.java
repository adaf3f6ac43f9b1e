package dev.novalibvirt.rpc.compute;

/**
 * A final reply the agent gave up delivering after {@code kombu_missing_consumer_retry_timeout}: its caller's reply
 * queue stayed missing or the broker unreachable. The caller has by then timed out (the step's outcome is unknown to
 * it; its journal's recovery asks the hosts), so this is what the agent knows: logged as an error and kept.
 *
 * @param method     the wire method it answers
 * @param msgId      the {@code _msg_id} the reply carried
 * @param replyQueue where it should have gone
 * @param summary    what it said, without arguments ({@code result}, {@code failure MigrationError},
 *                   {@code callback=post_method} ...)
 * @param reason     why the last attempt failed
 */
public record AbandonedReply(String method, String msgId, String replyQueue, String summary, String reason) {
}
