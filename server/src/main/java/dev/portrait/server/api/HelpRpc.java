package dev.portrait.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.api.CdnConfig;
import dev.portrait.tl.api.Config;
import dev.portrait.tl.api.HelpAppConfig;
import dev.portrait.tl.api.HelpAppConfigNotModified;
import dev.portrait.tl.api.HelpGetAppConfig;
import dev.portrait.tl.api.HelpGetCdnConfig;
import dev.portrait.tl.api.JsonObject;
import dev.portrait.tl.api.HelpGetConfig;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.NearestDc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The {@code help} namespace: configuration clients fetch on connect and before uploads. */
public final class HelpRpc implements RpcNamespace {
    /** Config lives an hour, as Telegram's does; clients refetch after that. */
    private static final int CONFIG_TTL = 3600;
    /** Clients look their DC up among dc_options (a fresh gramjs session believes it is on DC 4): list 1..5. */
    private static final int DC_COUNT = 5;

    private final ObjectNode template;

    public HelpRpc() {
        try (InputStream in = HelpRpc.class.getResourceAsStream("config.json")) {
            template = (ObjectNode) TlJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(HelpGetConfig.class, RpcRegistry.Access.ANYONE, (ctx, m) -> config(ctx));
        registry.on(HelpGetNearestDc.class, RpcRegistry.Access.ANYONE, (ctx, m) -> new NearestDc("XX", ctx.config().dcId(), ctx.config().dcId()));
        // The RSA keys of the CDN DCs; Portrait has none (no dc_option is a cdn one), so the list is empty. Clients
        // call it while loading (MadelineProto, TDLib's session warm-up), before sign-in.
        registry.on(HelpGetCdnConfig.class, RpcRegistry.Access.ANYONE, (ctx, m) -> new CdnConfig(List.of()));
        // Telegram's app config holds client feature switches and limits of features Portrait does not serve: an
        // empty object, with a hash so a client that has it gets appConfigNotModified.
        registry.on(HelpGetAppConfig.class, RpcRegistry.Access.ANYONE,
                (ctx, m) -> m.hash() == APP_CONFIG_HASH ? new HelpAppConfigNotModified() : new HelpAppConfig(APP_CONFIG_HASH, new JsonObject(List.of())));
    }

    /** The hash of the (empty) app config; any fixed value other than 0, which means "none cached". */
    static final int APP_CONFIG_HASH = 1;

    Config config(RpcContext ctx) {
        ServerConfig sc = ctx.config();
        ObjectNode c = template.deepCopy();
        c.put("date", ctx.now());
        c.put("expires", ctx.now() + CONFIG_TTL);
        c.put("test_mode", sc.testMode());
        c.put("this_dc", sc.dcId());
        ArrayNode options = c.putArray("dc_options");
        for (int id = 1; id <= DC_COUNT; id++) {
            options.addObject().put("_", "dcOption").put("id", id).put("ip_address", sc.advertiseHost()).put("port", sc.advertisePort());
        }
        return (Config) TlJson.fromJson(c);
    }
}
