package dev.portrait.inspector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.admin.AccountDeletion;
import dev.portrait.server.admin.AccountViews;
import dev.portrait.server.admin.Administration;
import dev.portrait.server.rpc.RpcHooks;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.net.UnknownHostException;

/**
 * The inspector: a web page and a REST API (/api/v1, described by /api/openapi.json) over a running server, on its
 * own HTTP address. It sees the server only through {@link Administration} (accounts, sign-in codes),
 * {@link AccountViews} (photos, what one account sees of another) and the
 * {@link RpcHooks} it gives the server (the RPC log, fault injection). It shows
 * sign-in codes and bot tokens, so bound to anything but loopback it needs a token, which every request must then
 * carry ({@link TokenCheck}).
 */
public final class Inspector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Inspector.class);
    /**
     * Jackson's default buffer pool is per thread, and every call runs on a new virtual thread: it would allocate fresh
     * buffers (some 16 KB) for each call it logs. A shared pool recycles them whatever the thread.
     */
    static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool()).build();

    static final ObjectMapper JSON = new ObjectMapper(JSON_FACTORY).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * @param host  the address to listen on
     * @param port  the port; 0 picks a free one
     * @param token what every request must carry; null or blank for none (loopback only)
     */
    public record Options(String host, int port, String token, int logCapacity, List<String> faults) {
        /** Calls the RPC log keeps by default. */
        public static final int LOG_CAPACITY = 10_000;

        public Options {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("the inspector needs a host");
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("bad inspector port " + port);
            if (token != null && token.isBlank()) token = null;
            if (logCapacity < 1) throw new IllegalArgumentException("the RPC log keeps at least one call");
            faults = faults == null ? List.of() : List.copyOf(faults);
        }

        public Options(String host, int port, String token) {
            this(host, port, token, LOG_CAPACITY, List.of());
        }

        public Options(String host, int port, String token, int logCapacity) {
            this(host, port, token, logCapacity, List.of());
        }

        /** The same with fault rules to start with ({@code serve --fault}, see {@code FaultRules.parse}). */
        public Options withFaults(List<String> rules) {
            return new Options(host, port, token, logCapacity, rules);
        }
    }

    private final Javalin app;
    private final Options options;
    private final CallsApi calls;

    private final EventsApi events;
    private volatile PortraitServer attachedTo;

    private Inspector(Javalin app, Options options, CallsApi calls, EventsApi events) {
        this.app = app;
        this.options = options;
        this.calls = calls;
        this.events = events;
    }

    /**
     * Starts the inspector; refuses (IllegalArgumentException) to listen on an address that is not loopback without a
     * token.
     */
    static Inspector start(Options options, Administration admin, AccountViews views, AccountDeletion deletion,
                           SessionsApi.Address address) {
        if (options.token() == null && !loopback(options.host())) {
            throw new IllegalArgumentException("the inspector would listen on " + options.host() + ", which is not a "
                    + "loopback address, without a token: it shows sign-in codes. Give --inspector-token (or "
                    + "PORTRAIT_INSPECTOR_TOKEN), or listen on 127.0.0.1");
        }
        TokenCheck tokens = new TokenCheck(options.token());
        CodesApi codes = new CodesApi(admin);
        PhotosApi photos = new PhotosApi(views);
        SessionsApi sessions = new SessionsApi(admin, views, address);
        RpcLog rpcLog = new RpcLog(options.logCapacity());
        EventHub hub = new EventHub();
        FaultRules faults = new FaultRules();
        for (String rule : options.faults()) {
            try {
                faults.add(FaultRules.parse(rule));
            } catch (ApiException e) {
                throw new IllegalArgumentException("--fault " + rule + ": " + e.getMessage());
            }
        }
        CallsApi calls = new CallsApi(rpcLog, faults, hub, admin);
        AccountsApi accounts = new AccountsApi(admin, deletion, hub, rpcLog::clear);
        EventsApi events = new EventsApi(hub);
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jetty.host = options.host();
            config.jetty.port = options.port();
            config.jsonMapper(new JavalinJackson(JSON, true));
            config.startup.showJavalinBanner = false;
            config.routes.before(tokens::check);
            config.routes.exception(ApiException.class, ApiException::answer);
            config.routes.exception(dev.portrait.server.admin.AdminException.class, ApiException::answerAdmin);
            Page.routes(config.routes);
            accounts.routes(config.routes);
            codes.routes(config.routes);
            photos.routes(config.routes);
            sessions.routes(config.routes);
            calls.routes(config.routes);
            events.routes(config.routes);
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (ctx.path().startsWith("/api/") && (type == null || !type.startsWith("application/json"))) {
                    ctx.json(new ApiException.Body("NOT_FOUND", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
        }).start();
        Inspector inspector = new Inspector(app, options, calls, events);
        log.info("inspector at {}", inspector.url());
        return inspector;
    }

    /**
     * Starts the inspector over a running server: the one place it touches the server object, to take the narrow
     * interfaces it works through and to hand the server its {@link RpcHooks}.
     */
    public static Inspector attach(Options options, PortraitServer server) {
        Inspector inspector = start(options, new Administration(server.store()), server.accountViews(), server.accountDeletion(),
                new SessionsApi.Address(server.config().advertiseHost(), server.config().advertisePort(), server.config().dcId()));
        server.rpcHooks(inspector.rpcHooks());
        inspector.attachedTo = server;
        return inspector;
    }

    static boolean loopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Calls the RPC log holds now, and the characters of their JSON (for the benchmark of its memory). */
    public long[] logSize() {
        return calls.logSize();
    }

    /** What the server calls on every call: the RPC log and the fault rules ({@code server.rpcHooks(...)}). */
    public RpcHooks rpcHooks() {
        return calls;
    }

    /** An auth key id as the inspector shows it: its first 8 hex digits (enough to tell keys apart; never the key). */
    static String shortKeyId(long authKeyId) {
        return HexFormat.of().toHexDigits(authKeyId).substring(0, 8);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return app.port();
    }

    /** Where a browser opens it (without the token). */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** Event streams whose request thread still runs (for tests). */
    int liveStreams() {
        return events.live();
    }

    /** Detaches from the server it was attached to, ends the event streams, then stops the HTTP server. */
    @Override
    public void close() {
        PortraitServer server = attachedTo;
        if (server != null) server.rpcHooks(RpcHooks.NONE);
        events.close();
        app.stop();
    }
}
