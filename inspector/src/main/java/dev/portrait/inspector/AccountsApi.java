package dev.portrait.inspector;

import dev.portrait.server.admin.AccountDeletion;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.PhotoRecord;
import dev.portrait.store.UserRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * /api/v1/accounts and /api/v1/bots: list, search, look up, create and delete accounts, through {@link Administration}
 * and {@link AccountDeletion}; /api/v1/reset deletes them all (test mode only).
 */
final class AccountsApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** An account as the API shows it; botToken and botOwnerId only for bots; photo: its current one, if any. */
    record Account(long id, String phone, String firstName, String lastName, String username, boolean bot,
                   boolean premium, Long botOwnerId, String botToken, int createdAt, PhotosApi.Photo photo) {
        static Account of(UserRecord u, PhotoRecord current) {
            return new Account(u.id(), u.phone(), u.firstName(), u.lastName() == null ? "" : u.lastName(), u.username(),
                    u.bot(), u.premium(), u.bot() ? u.botOwnerId() : null, u.botToken(), u.createdAt(),
                    current == null ? null : PhotosApi.Photo.of(current));
        }
    }

    record AccountList(List<Account> accounts, int offset, int limit) {
    }

    record NewUser(String phone, String firstName, String lastName, String username, Boolean premium) {
    }

    record NewBot(String ownerPhone, String username, String firstName) {
    }

    /** What the event stream says when an account is deleted. */
    record Deleted(long id) {
    }

    private final Administration admin;
    private final AccountDeletion deletion;
    private final EventHub events;
    private final Runnable afterReset;

    /** afterReset: what else a reset empties (the RPC log). */
    AccountsApi(Administration admin, AccountDeletion deletion, EventHub events, Runnable afterReset) {
        this.admin = admin;
        this.deletion = deletion;
        this.events = events;
        this.afterReset = afterReset;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/v1/accounts", this::list);
        routes.post("/api/v1/accounts", this::createUser);
        routes.get("/api/v1/accounts/{id}", this::one);
        routes.delete("/api/v1/accounts/{id}", ctx -> {
            long id = Params.id(ctx, "id");
            deletion.delete(id);
            events.publish("account", new Deleted(id));
            ctx.status(204);
        });
        routes.post("/api/v1/bots", this::createBot);
        routes.post("/api/v1/reset", ctx -> {
            deletion.wipe();
            afterReset.run();
            events.publish("reset", Map.of());
            ctx.status(204);
        });
    }

    private void list(Context ctx) {
        int offset = Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<UserRecord> users = admin.accounts(ctx.queryParam("q"), offset, limit);
        Map<Long, PhotoRecord> current = admin.currentPhotos(users.stream().map(UserRecord::id).toList());
        List<Account> found = users.stream().map(u -> Account.of(u, current.get(u.id()))).toList();
        ctx.json(new AccountList(found, offset, limit));
    }

    private void one(Context ctx) {
        long id = Params.id(ctx, "id");
        UserRecord u = admin.account(id).orElseThrow(() -> ApiException.notFound("no account has id " + id));
        ctx.json(Account.of(u, admin.currentPhotos(List.of(id)).get(id)));
    }

    private void createUser(Context ctx) {
        NewUser body = Params.body(ctx, NewUser.class);
        UserRecord u = admin.addUser(body.phone(), body.firstName(), body.lastName(), body.username(),
                Boolean.TRUE.equals(body.premium()));
        ctx.status(201).json(Account.of(u, null));
    }

    private void createBot(Context ctx) {
        NewBot body = Params.body(ctx, NewBot.class);
        if (body.ownerPhone() == null) throw ApiException.badRequest("PHONE_NUMBER_INVALID", "ownerPhone is required");
        ctx.status(201).json(Account.of(admin.addBot(body.ownerPhone(), body.username(), body.firstName()), null));
    }
}
