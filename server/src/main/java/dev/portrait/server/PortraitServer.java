package dev.portrait.server;

import dev.portrait.mtproto.MsgIds;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.mtproto.handshake.ServerHandshake;
import dev.portrait.server.api.AccountRpc;
import dev.portrait.server.api.AuthRpc;
import dev.portrait.server.api.ContactsRpc;
import dev.portrait.server.api.HelpRpc;
import dev.portrait.server.api.MessagesRpc;
import dev.portrait.server.api.PhotosRpc;
import dev.portrait.server.messages.MessagesManager;
import dev.portrait.server.photos.ContactPhotosManager;
import dev.portrait.server.photos.LazyVideoAvatars;
import dev.portrait.server.photos.PhotoFactory;
import dev.portrait.server.api.UpdatesRpc;
import dev.portrait.server.api.UploadRpc;
import dev.portrait.server.files.DownloadsManager;
import dev.portrait.server.files.FileReferences;
import dev.portrait.server.files.UploadsManager;
import dev.portrait.server.photos.PhotosManager;
import dev.portrait.server.photos.ProfilePhotos;
import dev.portrait.media.ImageEngine;
import dev.portrait.media.ImageEngines;
import dev.portrait.server.api.UsersRpc;
import dev.portrait.server.admin.AccountDeletion;
import dev.portrait.server.botapi.BotApiBackend;
import dev.portrait.server.admin.AccountViews;
import dev.portrait.server.auth.CodeWebhook;
import dev.portrait.server.auth.SignIn;
import dev.portrait.server.contacts.ContactsManager;
import dev.portrait.server.metrics.MetricsEndpoint;
import dev.portrait.server.metrics.ServerMetrics;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.server.users.AccessHashes;
import dev.portrait.server.users.Presence;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.server.cpu.BulkLane;
import dev.portrait.server.net.AddressLimits;
import dev.portrait.server.net.MtprotoConnection;
import dev.portrait.server.net.ServerContext;
import dev.portrait.server.rpc.RpcDispatcher;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.session.MessageProcessor;
import dev.portrait.server.session.ServerSalts;
import dev.portrait.store.Stores;
import dev.portrait.transport.ServerTransport;
import dev.portrait.transport.TransportConfig;
import dev.portrait.transport.TransportDetected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running Portrait server: Netty accepts connections and frames them (event loops do only I/O and framing), each
 * connection processes its frames on a virtual thread, and RPC handlers run on virtual threads.
 */
public final class PortraitServer implements AutoCloseable, ServerContext {
    private static final Logger log = LoggerFactory.getLogger(PortraitServer.class);

    private final ServerConfig config;
    private final Clock clock;
    private final Store store;
    private final UsersManager users;
    private final BotApiBackend botApi;
    private final Housekeeping housekeeping;
    private final List<RsaKey> keys;
    private final AuthKeys authKeys;
    /**
     * The server's message ids run {@link #MSG_ID_LEAD} ahead of its clock: a client that refuses a server message
     * older than its own newest msg_id (gramjs 1.x) would otherwise drop an answer it had not read yet when it sent an
     * ack meanwhile. Clients allow server ids 30 s ahead and more (docs/decisions.md, M10).
     */
    static final java.time.Duration MSG_ID_LEAD = java.time.Duration.ofSeconds(2);
    private final MsgIds msgIds = new MsgIds(java.time.Clock.offset(java.time.Clock.systemUTC(), MSG_ID_LEAD));
    private final MessageProcessor processor;
    private final RpcDispatcher dispatcher;
    private final CodeWebhook codeWebhook;
    private final AccountViews accountViews;
    private final AccountDeletion accountDeletion;
    private final ExecutorService rpcExecutor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rpc-", 0).factory());
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** How long a key-exchange step waits for a turn of its address before -429 (a step takes milliseconds). */
    private static final long KEY_EXCHANGE_WAIT_MILLIS = 10_000;
    private final AddressLimits addressLimits;
    private final BulkLane bulkLane = new BulkLane(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final SecureRandom random = new SecureRandom();
    private Channel listener;
    private dev.portrait.store.EventStore.Following otherProcesses;
    private final ImageEngine imageEngine;
    private final LazyVideoAvatars videoAvatars;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Counter connectionsAccepted;
    private final Counter connectionsRefused;
    private final Counter keyExchangesRefused;
    private MetricsEndpoint metricsEndpoint;

    private PortraitServer(ServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.addressLimits = new AddressLimits(config.maxConnectionsPerAddress(), AddressLimits.defaultKeyExchangeSlots(),
                KEY_EXCHANGE_WAIT_MILLIS);
        this.store = Stores.open(config.storeUrl(), config.blobsUrl(), config.dataDir());
        log.info("store: {}, blobs: {}", config.storeUrl() == null ? "SQLite in " + config.dataDir() : Stores.redact(config.storeUrl()),
                config.blobsUrl() == null ? "files in " + config.dataDir().resolve("blobs") : dev.portrait.store.blob.BlobStores.redact(config.blobsUrl()));
        this.keys = ServerKeys.loadOrCreate(config.dataDir());
        this.authKeys = new AuthKeys(store.authKeys(), store.events());
        ServerSalts salts = new ServerSalts(ServerKeys.saltSecret(config.dataDir()));
        // The domain managers, each over its part of the store (TDLib style: one manager per domain).
        AccessHashes hashes = new AccessHashes(store.secrets().secret("access_hash"));
        PrivacyManager privacy = new PrivacyManager(store.privacy(), store.contacts());
        FileReferences references = new FileReferences(store.secrets().secret("file_reference"), config.media().fileReferenceTtlSeconds());
        ProfilePhotos profilePhotos = new ProfilePhotos(store.photos(), privacy, references, config.dcId());
        this.users = new UsersManager(store.users(), store.contacts(), store.messages(), privacy, hashes, new Presence(store.events()), profilePhotos);
        UpdatesManager updates = new UpdatesManager(store.updates(), authKeys, users, config.accounts());
        ContactsManager contacts = new ContactsManager(store, users, privacy, updates);
        this.codeWebhook = config.accounts().codeWebhook() == null ? null : new CodeWebhook(config.accounts().codeWebhook());
        SignIn signIn = new SignIn(store, authKeys, users, config, random, codeWebhook);
        UploadsManager uploads = new UploadsManager(store, config.media());
        // each picture is decoded in a worker process that is killed past its CPU budget (a thread cannot be stopped)
        this.imageEngine = ImageEngines.isolated(config.media().imageEngine(), PhotoFactory.maxConcurrentJobs(),
                java.time.Duration.ofMillis(config.media().photoCpuMillis()));
        log.info("image engine: {}", imageEngine.name());
        this.videoAvatars = new LazyVideoAvatars(config.media(), config.dataDir().resolve("tmp").resolve("video"));
        PhotoFactory factory = new PhotoFactory(store, uploads, imageEngine, videoAvatars, bulkLane, config.media(), metrics.registry());
        PhotosManager photos = new PhotosManager(store, users, profilePhotos, factory, contacts, config.media());
        this.accountViews = new AccountViews(store, users, photos, privacy, authKeys, () -> (int) now());
        DownloadsManager downloads = new DownloadsManager(store, users, profilePhotos);
        this.botApi = new BotApiBackend(store, signIn, users, photos, downloads, uploads, () -> (int) now(), this::rpcHooks);
        this.accountDeletion = AccountDeletion.inServer(store, authKeys, () -> (int) now(), config.testMode());
        MessagesManager messages = new MessagesManager(store, users, profilePhotos, updates);
        ContactPhotosManager contactPhotos = new ContactPhotosManager(store, users, profilePhotos, factory, photos, messages, updates);
        RpcRegistry registry = new RpcRegistry()
                .add(new HelpRpc())
                .add(new AuthRpc(authKeys, signIn))
                .add(new AccountRpc(store.users(), users, privacy, contacts, updates, random))
                .add(new UsersRpc(users))
                .add(new ContactsRpc(contacts, users))
                .add(new UpdatesRpc(updates))
                .add(new UploadRpc(users, uploads, downloads, metrics.registry()))
                .add(new PhotosRpc(users, photos, contactPhotos))
                .add(new MessagesRpc(users, messages));
        this.dispatcher = new RpcDispatcher(registry, id -> users.find(id).map(UserRecord::bot).orElse(false), metrics.registry());
        this.processor = new MessageProcessor(config, clock, salts, authKeys, msgIds, dispatcher, rpcExecutor);
        this.housekeeping = new Housekeeping(store, authKeys, clock, config);
        var meters = metrics.registry();
        store.bindMetrics(meters);
        Gauge.builder("portrait.connections", channels, java.util.Set::size).description("open client connections").register(meters);
        connectionsAccepted = Counter.builder("portrait.connections.accepted").description("client connections accepted").register(meters);
        connectionsRefused = Counter.builder("portrait.connections.refused")
                .description("connections refused with -429 (too many from one address)").register(meters);
        keyExchangesRefused = Counter.builder("portrait.key.exchanges.refused")
                .description("key-exchange steps refused with -429 (their address's turns stayed taken too long)").register(meters);
        Gauge.builder("portrait.auth.keys.live", authKeys, AuthKeys::liveCount).description("auth keys in memory").register(meters);
        Gauge.builder("portrait.users.connected", authKeys, AuthKeys::signedInUsers)
                .description("accounts with a signed-in key in memory").register(meters);
    }

    public static PortraitServer start(ServerConfig config) throws InterruptedException {
        return start(config, Clock.systemUTC());
    }

    public static PortraitServer start(ServerConfig config, Clock clock) throws InterruptedException {
        PortraitServer server = new PortraitServer(config, clock);
        try {
            server.bind();
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind() throws InterruptedException {
        TransportConfig transport = TransportConfig.defaults().withMaxFrameLength(config.maxFrameBytes());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ServerTransport.install(ch.pipeline(), transport);
                        ch.pipeline().addLast("mtproto", new MtprotoConnection(PortraitServer.this));
                    }
                });
        listener = b.bind(config.listenHost(), config.listenPort()).sync().channel();
        if (config.metricsHost() != null) {
            try {
                metricsEndpoint = MetricsEndpoint.start(config.metricsHost(), config.metricsPort(), metrics);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot serve metrics on " + config.metricsHost() + ":" + config.metricsPort(), e);
            }
            log.info("metrics at http://{}:{}/metrics", config.metricsHost(), metricsEndpoint.port());
        }
        housekeeping.start();
        otherProcesses = store.events().follow(new OtherProcesses(authKeys, users.presence(), metrics.registry()));
        for (RsaKey k : keys) log.info("server RSA key fingerprint {}", k.fingerprint());
        log.info("Portrait listening on {}:{} (DC {}, advertised as {}:{})", config.listenHost(), port(), config.dcId(),
                config.advertiseHost(), config.advertisePort());
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** The port of the metrics endpoint; -1 when there is none. */
    public int metricsPort() {
        return metricsEndpoint == null ? -1 : metricsEndpoint.port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** The store this server runs on (tests and the admin CLI's in-process uses). */
    public Store store() {
        return store;
    }

    public List<RsaKey> keys() {
        return keys;
    }

    @Override
    public ServerHandshake newHandshake() {
        return new ServerHandshake(keys, config.dcId(), clock, random, authKeys::exists);
    }

    @Override
    public AuthKeys authKeys() {
        return authKeys;
    }

    @Override
    public MessageProcessor processor() {
        return processor;
    }

    @Override
    public MsgIds msgIds() {
        return msgIds;
    }

    @Override
    public long now() {
        return clock.millis() / 1000;
    }

    @Override
    public boolean connectionOpened(String address) {
        boolean allowed = addressLimits.opened(address);
        (allowed ? connectionsAccepted : connectionsRefused).increment();
        return allowed;
    }

    @Override
    public void connectionClosed(String address) {
        addressLimits.closed(address);
    }

    @Override
    public void transportDetected(TransportDetected t) {
        Counter.builder("portrait.connections.transport").description("connections by the transport their first bytes named")
                .tag("framing", t.framing().name().toLowerCase(Locale.ROOT))
                .tag("obfuscated", String.valueOf(t.obfuscated())).tag("websocket", String.valueOf(t.webSocket()))
                .register(metrics.registry()).increment();
    }

    /** Deleting an account, or every account (a test suite's reset), for the inspector. */
    public AccountDeletion accountDeletion() {
        return accountDeletion;
    }

    /** What the Bot API endpoint may do: bots' photo calls through the same managers as MTProto's. */
    public BotApiBackend botApi() {
        return botApi;
    }

    /** Accounts' photos and what one account sees of another, for the inspector. */
    public AccountViews accountViews() {
        return accountViews;
    }

    /** Who hears every call now (the Bot API endpoint's calls are told to it too). */
    private RpcHooks rpcHooks() {
        return dispatcher.hooks();
    }

    /** Who hears every call and may inject faults into it (the inspector); none by default. */
    public void rpcHooks(RpcHooks hooks) {
        dispatcher.hooks(hooks);
    }

    @Override
    public BulkLane bulkLane() {
        return bulkLane;
    }

    @Override
    public AddressLimits.Slot keyExchangeSlot(String address) {
        AddressLimits.Slot slot = addressLimits.keyExchangeSlot(address);
        if (slot == null) keyExchangesRefused.increment();
        return slot;
    }

    /** Stops accepting, closes connections, waits for running requests, closes the store. */
    @Override
    public void close() {
        if (metricsEndpoint != null) metricsEndpoint.close();
        if (otherProcesses != null) otherProcesses.close();
        housekeeping.close();
        if (listener != null) listener.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        rpcExecutor.shutdown();
        try {
            if (!rpcExecutor.awaitTermination(10, TimeUnit.SECONDS)) rpcExecutor.shutdownNow();
        } catch (InterruptedException e) {
            rpcExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        bulkLane.close(); // after the calls, which may still read an upload back on it
        if (codeWebhook != null) codeWebhook.close();
        videoAvatars.close();
        imageEngine.close();
        store.close();
        metrics.close();
        log.info("Portrait stopped");
    }
}
