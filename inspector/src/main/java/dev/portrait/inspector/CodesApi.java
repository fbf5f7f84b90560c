package dev.portrait.inspector;

import dev.portrait.server.admin.Administration;
import dev.portrait.store.LoginCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;

/** /api/v1/codes: the sign-in codes not yet expired, and the latest one for a phone (what an integration test types). */
final class CodesApi {
    record Code(String phone, String code, int createdAt, int expiresAt, int attempts, boolean verified) {
        static Code of(LoginCode c) {
            return new Code(c.phone(), c.code(), c.createdAt(), c.expiresAt(), c.attempts(), c.verified());
        }
    }

    record CodeList(List<Code> codes) {
    }

    private final Administration admin;

    CodesApi(Administration admin) {
        this.admin = admin;
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/v1/codes", this::list);
        routes.get("/api/v1/codes/latest", this::latest);
    }

    private void list(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 50, 1, 1000);
        String phone = ctx.queryParam("phone");
        List<LoginCode> codes = phone == null ? admin.codes(limit) : admin.codes(phone, limit);
        ctx.json(new CodeList(codes.stream().map(Code::of).toList()));
    }

    private void latest(Context ctx) {
        String phone = ctx.queryParam("phone");
        if (phone == null) throw ApiException.badRequest("PHONE_NUMBER_INVALID", "phone is required");
        ctx.json(admin.latestCode(phone).map(Code::of)
                .orElseThrow(() -> ApiException.notFound("no sign-in code is waiting for " + phone)));
    }
}
