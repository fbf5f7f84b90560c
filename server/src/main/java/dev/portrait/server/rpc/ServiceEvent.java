package dev.portrait.server.rpc;

/**
 * A service-level event of the protocol, beside the calls: a new auth key, a new session, a bad_server_salt or a
 * bad_msg_notification sent to a client.
 *
 * @param kind   {@code new_auth_key}, {@code new_session_created}, {@code bad_server_salt}, {@code bad_msg_notification}
 * @param detail what else there is to say ("temporary, expires in 86400 s", "error_code 16", ...), or ""
 */
public record ServiceEvent(long atMillis, long userId, long authKeyId, long sessionId, String clientAddress,
                           String transport, String kind, String detail) {
}
