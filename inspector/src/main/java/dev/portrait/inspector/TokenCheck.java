package dev.portrait.inspector;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The inspector's one access rule: with a token set, every request carries it, as {@code Authorization: Bearer
 * <token>} or, where a browser cannot set headers (the page's address, EventSource), as {@code ?token=<token>}.
 * Compared in constant time.
 */
final class TokenCheck {
    private final byte[] token;

    TokenCheck(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        if (token == null) return;
        String given = null;
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) given = header.substring(7).strip();
        if (given == null) given = ctx.queryParam("token");
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "UNAUTHORIZED", "this inspector needs its token: Authorization: Bearer <token>, "
                    + "or ?token=<token>");
        }
    }
}
