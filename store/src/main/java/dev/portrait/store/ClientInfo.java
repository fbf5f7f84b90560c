package dev.portrait.store;

/**
 * What a client said about itself in initConnection, and where it connected from: what Telegram shows as an
 * authorization (account.getAuthorizations) and the inspector lists as a session.
 *
 * @param transport how the connection was framed, e.g. {@code intermediate} or {@code websocket/obfuscated2/abridged}
 * @param at        unix time the client last announced it
 */
public record ClientInfo(int apiId, String deviceModel, String systemVersion, String appVersion, String systemLangCode,
                         String langCode, String ip, String transport, long at) {
    /** The same client from the same place (only the time differs): nothing worth writing again. */
    public boolean sameAs(ClientInfo o) {
        return o != null && apiId == o.apiId && deviceModel.equals(o.deviceModel) && systemVersion.equals(o.systemVersion)
                && appVersion.equals(o.appVersion) && systemLangCode.equals(o.systemLangCode) && langCode.equals(o.langCode)
                && ip.equals(o.ip) && transport.equals(o.transport);
    }
}
