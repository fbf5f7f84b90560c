package dev.portrait.inspector;

import dev.portrait.server.admin.AccountViews;
import dev.portrait.server.admin.Administration;
import dev.portrait.server.admin.SessionStrings;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.store.ClientInfo;
import dev.portrait.store.UserRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;

/**
 * An account's sessions (auth keys; never their bytes); new ones minted as the session string a client library takes,
 * as {@code portrait session new} does (a test suite signs its client in without a sign-in code); revoking one, as
 * {@code portrait session revoke} does.
 */
final class SessionsApi {
    /** Where minted sessions point unless the request says otherwise: the address the server gives clients. */
    record Address(String host, int port, int dcId) {
    }

    /**
     * An auth key signed in as the account: its id's first 8 hex digits, never the key; what its client said in
     * initConnection; when it was last used and its open connections on this node.
     */
    record Session(String authKey, long createdAt, boolean temporary, long expiresAt, String permKey, int layer,
                   Client client, long activeAt, int connections) {
    }

    /** As initConnection said it, with the address and transport it came on. */
    record Client(int apiId, String deviceModel, String systemVersion, String appVersion, String systemLangCode,
                  String langCode, String address, String transport, long at) {
        static Client of(ClientInfo c) {
            return c == null ? null : new Client(c.apiId(), c.deviceModel(), c.systemVersion(), c.appVersion(),
                    c.systemLangCode(), c.langCode(), c.ip(), c.transport(), c.at());
        }
    }

    record SessionList(List<Session> sessions) {
    }

    record NewSession(String format, String host, Integer port, Integer dc) {
    }

    record Minted(String format, String session, String host, int port, int dc) {
    }

    private final Administration admin;
    private final AccountViews views;
    private final Address defaults;

    SessionsApi(Administration admin, AccountViews views, Address defaults) {
        this.admin = admin;
        this.views = views;
        this.defaults = defaults;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/v1/accounts/{id}/sessions", this::list);
        routes.post("/api/v1/accounts/{id}/sessions", this::mint);
        routes.delete("/api/v1/accounts/{id}/sessions/{authKey}", ctx -> {
            views.revoke(Params.id(ctx, "id"), ctx.pathParam("authKey"));
            ctx.status(204);
        });
    }

    private void list(Context ctx) {
        ctx.json(new SessionList(views.sessions(Params.id(ctx, "id")).stream().map(k -> {
            AuthKeys.Activity live = views.activity(k.id());
            long activeAt = Math.max(live.lastUsed(), k.client() == null ? k.createdAt() : k.client().at());
            return new Session(Inspector.shortKeyId(k.id()), k.createdAt(), k.temporary(), k.expiresAt(),
                    k.permKeyId() == 0 ? null : Inspector.shortKeyId(k.permKeyId()), k.layer(), Client.of(k.client()),
                    activeAt, live.connections());
        }).toList()));
    }

    private void mint(Context ctx) {
        long id = Params.id(ctx, "id");
        NewSession body = Params.body(ctx, NewSession.class);
        SessionStrings.Format format;
        try {
            format = SessionStrings.Format.valueOf(String.valueOf(body.format()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("FORMAT_INVALID", "format is gramjs, telethon or mtcute");
        }
        UserRecord user = admin.account(id).orElseThrow(() -> ApiException.notFound("no account has id " + id));
        String host = body.host() != null ? body.host() : defaults.host();
        int port = body.port() != null ? body.port() : defaults.port();
        int dc = body.dc() != null ? body.dc() : defaults.dcId();
        try {
            ctx.status(201).json(new Minted(format.name(), admin.newSession(user, format, host, port, dc), host, port, dc));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("ADDRESS_INVALID", "cannot make a " + format + " session: " + e.getMessage());
        }
    }
}
