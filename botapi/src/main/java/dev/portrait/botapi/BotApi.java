package dev.portrait.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.botapi.BotApiBackend;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.store.UserRecord;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The HTTP Bot API's profile-photo part, on its own address, answering as the official server does: methods at
 * {@code /bot<token>/<method>} (GET query, urlencoded or multipart form, or JSON; names case-insensitive), answers
 * {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":"..."}}, files at
 * {@code /file/bot<token>/<file_path>}. A bot library takes {@code http://HOST:PORT} as its API root. It reaches the
 * server only through {@link BotApiBackend}. Methods outside this part answer 404 "Not Found", as the official server
 * does for methods it does not know.
 */
public final class BotApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotApi.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** @param host the address to listen on; @param port the port, 0 for a free one */
    public record Options(String host, int port) {
        public Options {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("the Bot API needs a host");
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("bad Bot API port " + port);
        }
    }

    private final Javalin app;
    private final Options options;

    private BotApi(Javalin app, Options options) {
        this.app = app;
        this.options = options;
    }

    public static BotApi attach(Options options, PortraitServer server) {
        return start(options, server.botApi());
    }

    static BotApi start(Options options, BotApiBackend backend) {
        ProfilePhotoMethods methods = new ProfilePhotoMethods(backend, new FileIds(backend.secret("bot_api_file_id")));
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.startup.showJavalinBanner = false;
            // the Bot API takes uploads of up to 50 MB
            config.http.maxRequestSize = ProfilePhotoMethods.MAX_UPLOAD + (1 << 20);
            config.jetty.multipartConfig.maxFileSize(ProfilePhotoMethods.MAX_UPLOAD, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(ProfilePhotoMethods.MAX_UPLOAD + (1 << 20), SizeUnit.BYTES);
            config.routes.get("/bot{token}/{method}", ctx -> call(ctx, backend, methods));
            config.routes.post("/bot{token}/{method}", ctx -> call(ctx, backend, methods));
            config.routes.get("/file/bot{token}/<path>", ctx -> download(ctx, backend, methods));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Bot API {} failed", redacted(ctx.path()), e);
                answer(ctx, new BotApiException(500, "Internal Server Error"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith("application/json")) {
                    answer(ctx, BotApiException.notFound());
                }
            });
        }).start();
        BotApi api = new BotApi(app, options);
        log.info("Bot API at {}", api.url());
        return api;
    }

    private static void call(Context ctx, BotApiBackend backend, ProfilePhotoMethods methods) {
        UserRecord bot = null;
        String method = ctx.pathParam("method");
        BotRequest req = null;
        BotApiException failure = null;
        try {
            bot = bot(ctx, backend);
            req = BotRequest.of(ctx);
            String name = METHODS.get(method.toLowerCase(Locale.ROOT));
            if (name != null) {
                // the inspector's fault rules (bot_api.<method>) may answer, delay or drop the call first
                switch (backend.fault(bot, name)) {
                    case null -> { }
                    case Fault.Error e -> throw BotApiException.of(e.code(), e.message());
                    case Fault.Delay d -> Thread.sleep(d.millis());
                    case Fault.Drop d -> {
                        drop(ctx);
                        backend.answered(bot, ctx.ip(), method + " " + req.describe() + " → dropped");
                        return;
                    }
                }
            }
            JsonNode result = switch (name) {
                case "getMe" -> methods.getMe(bot);
                case "getUserProfilePhotos" -> methods.getUserProfilePhotos(bot, req);
                case "getFile" -> methods.getFile(bot, req);
                case "setMyProfilePhoto" -> methods.setMyProfilePhoto(bot, req);
                case "removeMyProfilePhoto" -> methods.removeMyProfilePhoto(bot);
                case null, default -> throw BotApiException.notFound();
            };
            ObjectNode ok = JSON.createObjectNode();
            ok.put("ok", true);
            ok.set("result", result);
            ctx.status(200).contentType("application/json").result(ok.toString());
        } catch (BotApiException e) {
            failure = e;
        } catch (RpcException e) {
            // what MTProto refused, worded as the official server passes Telegram's errors on
            failure = BotApiException.of(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new BotApiException(500, "Internal Server Error");
        }
        if (failure != null) answer(ctx, failure);
        // a call by a known bot goes to the inspector's log ("bot_api"), its outcome beside it
        if (bot != null) backend.answered(bot, ctx.ip(), method + " " + (req == null ? "{}" : req.describe()) + " → "
                + (failure == null ? "ok" : failure.code + " " + failure.getMessage()));
    }

    /** The methods served, by their lower-case name (names are case-insensitive). */
    private static final java.util.Map<String, String> METHODS = java.util.stream.Stream.of(
                    "getMe", "getUserProfilePhotos", "getFile", "setMyProfilePhoto", "removeMyProfilePhoto")
            .collect(java.util.stream.Collectors.toMap(m -> m.toLowerCase(Locale.ROOT), m -> m));

    /** Closes the client's connection without an answer (an injected drop: the client sees the connection reset). */
    private static void drop(Context ctx) {
        org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData().getConnection().close();
    }

    private static void download(Context ctx, BotApiBackend backend, ProfilePhotoMethods methods) {
        try {
            UserRecord bot = bot(ctx, backend);
            byte[] bytes = methods.download(bot, ctx.pathParam("path"));
            String path = ctx.pathParam("path");
            ctx.status(200).contentType(path.endsWith(".mp4") ? "video/mp4" : "image/jpeg").result(bytes);
        } catch (BotApiException e) {
            answer(ctx, e);
        } catch (RpcException e) {
            answer(ctx, BotApiException.of(e.code(), e.getMessage()));
        }
    }

    /**
     * The bot the path's token names. A token that cannot be one (the official server's shape check: a bot id from 1
     * to 2^54 that does not start with 0, a colon, at most 80 characters, no slash) is "Unauthorized: invalid token
     * specified"; a well-formed one that names no bot is "Unauthorized".
     */
    static UserRecord bot(Context ctx, BotApiBackend backend) {
        String token = ctx.pathParam("token");
        int colon = token.indexOf(':');
        long id = colon <= 0 ? 0 : Params.integer(token.substring(0, colon), 0);
        if (colon <= 0 || token.length() > 80 || token.startsWith("0") || token.contains("/") || id <= 0 || id >= 1L << 54) {
            throw new BotApiException(401, "Unauthorized: invalid token specified");
        }
        return backend.bot(token).orElseThrow(BotApiException::unauthorized);
    }

    /** A request path without the secret half of its bot token (tokens stay out of logs). */
    static String redacted(String path) {
        return path.replaceAll("/bot(\\d*):[^/]*", "/bot$1:***");
    }

    static void answer(Context ctx, BotApiException e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ok", false);
        o.put("error_code", e.code);
        o.put("description", e.getMessage());
        if (e.retryAfter != null) {
            o.putObject("parameters").put("retry_after", e.retryAfter);
            ctx.header("Retry-After", String.valueOf(e.retryAfter));
        }
        ctx.status(e.code).contentType("application/json").result(o.toString());
    }

    public int port() {
        return app.port();
    }

    /** The API root a bot library is given. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
