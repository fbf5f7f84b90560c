package dev.portrait.server;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.ClientSession;
import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.tl.TlObject;
import dev.portrait.server.rpc.Fault;
import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.server.rpc.ServiceEvent;
import dev.portrait.tl.TlMethod;
import dev.portrait.tl.api.CdnConfig;
import dev.portrait.tl.api.Config;
import dev.portrait.tl.api.DcOption;
import dev.portrait.tl.api.HelpAppConfig;
import dev.portrait.tl.api.HelpAppConfigNotModified;
import dev.portrait.tl.api.HelpGetAppConfig;
import dev.portrait.tl.api.HelpGetCdnConfig;
import dev.portrait.tl.api.JsonObject;
import dev.portrait.tl.api.HelpGetConfig;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.NearestDc;
import dev.portrait.tl.api.UsersGetFullUser;
import dev.portrait.tl.api.InputUserSelf;
import dev.portrait.tl.mtproto.FutureSalts;
import dev.portrait.tl.mtproto.GetFutureSalts;
import dev.portrait.tl.mtproto.Ping;
import dev.portrait.tl.mtproto.PingDelayDisconnect;
import dev.portrait.tl.mtproto.Pong;
import dev.portrait.transport.Framing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.portrait.client.MtprotoClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server driven by Portrait's Java client over real TCP connections. */
class ServerProtocolTest {
    @TempDir
    Path dir;
    PortraitServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        port = freePort();
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    ClientOptions options() {
        return ClientOptions.of("127.0.0.1", port, server.keys().stream().map(RsaKey::publicKey).toList());
    }

    @ParameterizedTest
    @CsvSource({"ABRIDGED,false,false", "INTERMEDIATE,false,false", "PADDED_INTERMEDIATE,false,false", "FULL,false,false",
            "ABRIDGED,true,false", "INTERMEDIATE,true,false", "PADDED_INTERMEDIATE,true,false",
            "INTERMEDIATE,true,true", "ABRIDGED,false,true", "FULL,false,true"})
    void everyTransportMakesAKeyAndGetsTheConfig(Framing framing, boolean obfuscated, boolean webSocket) throws Exception {
        try (MtprotoClient c = MtprotoClient.connect(options().withFraming(framing, obfuscated).withWebSocket(webSocket), null)) {
            Config config = (Config) await(c.invoke(new HelpGetConfig()));
            assertThat(config.thisDc()).isEqualTo(2);
            assertThat(config.dcOptions()).hasSize(5);
            for (int i = 0; i < 5; i++) {
                DcOption o = (DcOption) config.dcOptions().get(i);
                assertThat(o.id()).isEqualTo(i + 1);
                assertThat(o.ipAddress()).isEqualTo("127.0.0.1");
                assertThat(o.port()).isEqualTo(port);
                assertThat(o.ipv6()).isFalse();
            }
            assertThat(config.expires()).isGreaterThan(config.date());
            NearestDc nearest = (NearestDc) await(c.invoke(new HelpGetNearestDc()));
            assertThat(nearest.thisDc()).isEqualTo(2);
        }
    }

    @Test
    void aSavedSessionSkipsTheKeyExchangeAndSurvivesARestart() throws Exception {
        ClientSession saved;
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            await(c.invoke(new HelpGetConfig()));
            saved = c.session();
        }
        Path file = dir.resolve("session.properties");
        saved.save(file);
        server.close();
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port));
        // a stale salt is corrected with bad_server_salt, then the request goes through
        ClientSession stale = new ClientSession(saved.dcId(), saved.authKey(), 0, 0);
        try (MtprotoClient c = MtprotoClient.connect(options(), stale)) {
            assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
        }
        try (MtprotoClient c = MtprotoClient.connect(options(), ClientSession.load(file))) {
            assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
        }
    }

    @Test
    void theAnnouncedLayerStaysWithTheKey() throws Exception {
        long keyId;
        try (MtprotoClient c = MtprotoClient.connect(options().withLayer(215), null)) {
            await(c.invoke(new HelpGetConfig()));
            keyId = c.authKey().id();
        }
        assertThat(server.authKeys().find(keyId, server.now()).layer()).isEqualTo(215);
        // connections of the same key that never send initConnection (uploads) are answered in layer 214's schema (215 has none: the nearest below)
        assertThat(server.authKeys().find(keyId, server.now()).schemaLayer()).isEqualTo(214);
        server.close();
        server = PortraitServer.start(ServerConfig.defaults(dir).withListen("127.0.0.1", port).withAdvertise("127.0.0.1", port));
        assertThat(server.authKeys().find(keyId, server.now()).schemaLayer()).isEqualTo(214);
    }

    @Test
    void temporaryKeysBindToPermanentOnes() throws Exception {
        ClientSession perm;
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            await(c.invoke(new HelpGetConfig()));
            perm = c.session();
            // a permanent key cannot be bound
            int expiresAt = (int) (System.currentTimeMillis() / 1000) + 3600;
            assertThatThrownBy(() -> await(c.bindTempAuthKey(new dev.portrait.mtproto.AuthKey(perm.authKey()), expiresAt)))
                    .isInstanceOf(RpcErrorException.class).hasMessage("400 TEMP_AUTH_KEY_EMPTY");
        }
        try (MtprotoClient temp = MtprotoClient.connectTemporary(options(), perm, 3600)) {
            assertThat(temp.authKey().id()).isNotEqualTo(new dev.portrait.mtproto.AuthKey(perm.authKey()).id());
            assertThat(((Config) await(temp.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
            int expiresAt = (int) (System.currentTimeMillis() / 1000) + 3600;
            assertThatThrownBy(() -> await(temp.bindTempAuthKey(new dev.portrait.mtproto.AuthKey(perm.authKey()), expiresAt)))
                    .isInstanceOf(RpcErrorException.class).hasMessage("400 TEMP_AUTH_KEY_ALREADY_BOUND");
        }
    }

    @Test
    void anUnknownAuthKeyGetsTransportError404() throws Exception {
        byte[] key = new byte[256];
        new java.security.SecureRandom().nextBytes(key);
        try (MtprotoClient c = MtprotoClient.connect(options(), new ClientSession(2, key, 0, 0))) {
            assertThatThrownBy(() -> await(c.invoke(new HelpGetConfig()))).hasMessageContaining("-404");
        }
    }

    @Test
    void unimplementedMethodsAnswerAnRpcError() throws Exception {
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            // One DC: authorizations are never exported or imported.
            assertThatThrownBy(() -> await(c.invoke(new dev.portrait.tl.api.AuthImportAuthorization(1, new byte[8]))))
                    .isInstanceOf(RpcErrorException.class).hasMessage("400 INPUT_METHOD_INVALID");
            // Implemented, but only for signed-in keys.
            assertThatThrownBy(() -> await(c.invoke(new UsersGetFullUser(new InputUserSelf()))))
                    .isInstanceOf(RpcErrorException.class).hasMessage("401 AUTH_KEY_UNREGISTERED");
            // the connection stays usable
            assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
        }
    }

    @Test
    void serviceMessagesAreAnswered() throws Exception {
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            LinkedBlockingQueue<TlObject> updates = new LinkedBlockingQueue<>();
            c.onUpdate(updates::add);
            await(c.invoke(new HelpGetConfig()));
            c.sendService(new Ping(77), true);
            c.sendService(new GetFutureSalts(3), true);
            List<TlObject> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) got.add(updates.poll(10, TimeUnit.SECONDS));
            assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(Pong.class, p -> assertThat(p.pingId()).isEqualTo(77)));
            assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(FutureSalts.class, f -> assertThat(f.salts()).hasSize(3)));
        }
    }

    /**
     * MadelineProto (layer 190) calls help.getCdnConfig while loading, before sign-in, and TDLib warms new sessions up
     * with it: answered with Telegram's cdnConfig, its list of CDN DC keys empty as Portrait has no CDN DC.
     */
    @Test
    void helpGetCdnConfigIsAnsweredBeforeSignIn() throws Exception {
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            CdnConfig cdn = (CdnConfig) await(c.invoke(new HelpGetCdnConfig()));
            assertThat(cdn.publicKeys()).isEmpty();
        }
    }

    /** help.getAppConfig: an empty config with a hash, then appConfigNotModified for that hash. */
    @Test
    void helpGetAppConfigIsAnEmptyObjectWithAHash() throws Exception {
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            HelpAppConfig config = (HelpAppConfig) await(c.invoke(new HelpGetAppConfig(0)));
            assertThat(config.config()).isEqualTo(new JsonObject(List.of()));
            assertThat(config.hash()).isNotZero();
            assertThat(await(c.invoke(new HelpGetAppConfig(config.hash())))).isInstanceOf(HelpAppConfigNotModified.class);
        }
    }

    /**
     * MadelineProto keeps its connections alive with ping_delay_disconnect under an even seqno (as TDLib sends its
     * service messages); Telegram answers with pong, and so does Portrait (docs/decisions.md, M10), with no
     * bad_msg_notification 35.
     */
    @Test
    void serviceMessagesWithAnEvenSeqnoAreAnsweredWithoutBadMsgNotification() throws Exception {
        LinkedBlockingQueue<ServiceEvent> events = new LinkedBlockingQueue<>();
        server.rpcHooks(new RpcHooks() {
            @Override
            public Fault before(RpcContext context, TlMethod<?> method) {
                return null;
            }

            @Override
            public void after(RpcCall call) {
            }

            @Override
            public void service(ServiceEvent event) {
                events.add(event);
            }
        });
        try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
            LinkedBlockingQueue<TlObject> updates = new LinkedBlockingQueue<>();
            c.onUpdate(updates::add);
            await(c.invoke(new HelpGetConfig()));
            c.sendService(new PingDelayDisconnect(88, 75), false);
            c.sendService(new Ping(89), false);
            c.sendService(new GetFutureSalts(2), false);
            List<TlObject> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TlObject o = updates.poll(10, TimeUnit.SECONDS);
                assertThat(o).as("an answer to each service message").isNotNull();
                got.add(o);
            }
            assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(Pong.class, p -> assertThat(p.pingId()).isEqualTo(88)));
            assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(Pong.class, p -> assertThat(p.pingId()).isEqualTo(89)));
            assertThat(got).anySatisfy(o -> assertThat(o).isInstanceOf(FutureSalts.class));
            // the connection stays usable, and a query still needs its odd seqno
            assertThat(((Config) await(c.invoke(new HelpGetConfig()))).thisDc()).isEqualTo(2);
        }
        assertThat(events).extracting(ServiceEvent::kind).doesNotContain("bad_msg_notification");
    }

    @Test
    void updatesArePushedToEveryLiveSessionOfTheUser() throws Exception {
        try (MtprotoClient a = MtprotoClient.connect(options(), null);
             MtprotoClient b = MtprotoClient.connect(options(), null)) {
            LinkedBlockingQueue<TlObject> toA = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<TlObject> toB = new LinkedBlockingQueue<>();
            a.onUpdate(toA::add);
            b.onUpdate(toB::add);
            await(a.invoke(new HelpGetConfig()));
            await(b.invoke(new HelpGetConfig()));
            // what sign-in (M3) will do: both keys belong to user 1000
            server.authKeys().signedIn(server.authKeys().find(a.authKey().id(), server.now()), 1000);
            server.authKeys().signedIn(server.authKeys().find(b.authKey().id(), server.now()), 1000);
            assertThat(server.authKeys().pushToUser(1000, new dev.portrait.tl.api.UpdateShort(
                    new dev.portrait.tl.api.UpdateUser(1000), 1_700_000_000))).isEqualTo(2);
            assertThat(toA.poll(10, TimeUnit.SECONDS)).isInstanceOf(dev.portrait.tl.api.UpdateShort.class);
            assertThat(toB.poll(10, TimeUnit.SECONDS)).isInstanceOf(dev.portrait.tl.api.UpdateShort.class);
            assertThat(server.authKeys().pushToUser(2000, new dev.portrait.tl.api.UpdatesTooLong())).isZero();
        }
    }

    @Test
    void manyClientsAtOnce() throws Exception {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                try (MtprotoClient c = MtprotoClient.connect(options(), null)) {
                    int sum = 0;
                    for (int k = 0; k < 10; k++) sum += ((Config) await(c.invoke(new HelpGetConfig()))).thisDc();
                    return sum;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        for (CompletableFuture<Integer> r : results) assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(20);
    }
}
