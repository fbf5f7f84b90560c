package dev.portrait.inspector;

import dev.portrait.server.admin.Administration;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.tl.TlMethod;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;

/**
 * /api/v1/calls (the RPC log) and /api/v1/faults (fault rules), and the {@link RpcHooks} the server calls: every call
 * goes to the log, and before it runs the rules may inject a fault.
 */
final class CallsApi implements RpcHooks {
    record CallList(List<RpcLog.Entry> calls, int capacity) {
    }

    record FaultList(List<FaultRules.Rule> faults) {
    }

    /** Calls whose success is news beyond the log: a code was sent, a photo changed, a key signed in or out. */
    private static final Set<String> CODES = Set.of("auth.sendCode", "auth.resendCode");
    private static final Set<String> PHOTOS = Set.of("photos.uploadProfilePhoto", "photos.updateProfilePhoto",
            "photos.deletePhotos", "photos.uploadContactProfilePhoto");
    private static final Set<String> SESSIONS = Set.of("auth.signIn", "auth.signUp", "auth.importBotAuthorization",
            "auth.logOut", "auth.resetAuthorizations", "account.resetAuthorization");

    record AccountEvent(long account, String method) {
    }

    private final RpcLog log;
    private final FaultRules faults;
    private final EventHub events;
    private final Administration admin;

    CallsApi(RpcLog log, FaultRules faults, EventHub events, Administration admin) {
        this.log = log;
        this.faults = faults;
        this.events = events;
        this.admin = admin;
    }

    @Override
    public Fault before(RpcContext context, TlMethod<?> method) {
        return faults.match(context, method.tlName());
    }

    @Override
    public Fault beforeBotApi(long botId, String method) {
        return faults.match(botId, "bot_api." + method);
    }

    @Override
    public void after(RpcCall call) {
        events.publish("call", log.add(call));
        if (call.error() != null || !events.listened()) return;
        String name = call.method().tlName();
        if (CODES.contains(name)) {
            String phone = switch (call.method()) {
                case dev.portrait.tl.api.AuthSendCode s -> s.phoneNumber();
                case dev.portrait.tl.api.AuthResendCode r -> r.phoneNumber();
                default -> null;
            };
            if (phone != null) admin.latestCode(phone).ifPresent(c -> events.publish("code", CodesApi.Code.of(c)));
        } else if (PHOTOS.contains(name)) {
            events.publish("photo", new AccountEvent(call.userId(), name));
        } else if (SESSIONS.contains(name)) {
            events.publish("session", new AccountEvent(call.userId(), name));
        }
    }

    @Override
    public void service(ServiceEvent event) {
        events.publish("call", log.add(event));
    }

    long[] logSize() {
        return log.sizeAndChars();
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/v1/calls", this::calls);
        routes.delete("/api/v1/calls", ctx -> {
            log.clear();
            ctx.status(204);
        });
        routes.get("/api/v1/faults", ctx -> ctx.json(new FaultList(faults.list())));
        routes.post("/api/v1/faults", ctx -> ctx.status(201).json(faults.add(Params.body(ctx, FaultRules.Rule.class))));
        routes.delete("/api/v1/faults/{id}", ctx -> {
            long id = Params.id(ctx, "id");
            if (!faults.remove(id)) throw ApiException.notFound("no fault rule has id " + id);
            ctx.status(204);
        });
        routes.delete("/api/v1/faults", ctx -> {
            faults.clear();
            ctx.status(204);
        });
    }

    private void calls(Context ctx) {
        String account = ctx.queryParam("account");
        Long accountId;
        try {
            accountId = account == null || account.isBlank() ? null : Long.parseLong(account.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("USER_ID_INVALID", "account is an account id");
        }
        int before = Params.intParam(ctx, "before", 0, 0, Integer.MAX_VALUE);
        int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
        ctx.json(new CallList(log.find(accountId, blank(ctx.queryParam("method")), blank(ctx.queryParam("error")),
                before, limit), log.capacity()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
