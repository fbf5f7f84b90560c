package dev.portrait.server.api;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.portrait.client.MtprotoClient.await;

/** A test-mode server and signed-in Java clients on it, closed together. */
public final class TestAccounts implements AutoCloseable {
    final PortraitServer server;
    private final List<MtprotoClient> clients = new ArrayList<>();

    TestAccounts(Path dir, ServerConfig.Accounts accounts) throws Exception {
        this(dir, c -> c.withAccounts(accounts));
    }

    TestAccounts(Path dir, java.util.function.UnaryOperator<ServerConfig> tweak) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = PortraitServer.start(tweak.apply(ServerConfig.defaults(dir).withListen("127.0.0.1", port)
                .withAdvertise("127.0.0.1", port).withTestMode(true)));
    }

    TestAccounts(Path dir) throws Exception {
        this(dir, ServerConfig.Accounts.defaults());
    }

    /** A new client with a fresh auth key, not signed in. */
    MtprotoClient connect() throws IOException, InterruptedException {
        return connect(null);
    }

    /** A new client on a saved auth key (null: a fresh one), with a session of its own. */
    MtprotoClient connect(dev.portrait.client.ClientSession saved) throws IOException, InterruptedException {
        MtprotoClient c = MtprotoClient.connect(ClientOptions.of("127.0.0.1", server.port(),
                server.keys().stream().map(RsaKey::publicKey).toList()), saved);
        clients.add(c);
        return c;
    }

    /** Test numbers 99966XYYYY take the code XXXXX. */
    static String code(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return String.valueOf(digits.charAt(5)).repeat(5);
    }

    /** Signs up (or in, when the number has an account) on a new connection; returns the client and its self user. */
    Signed signUp(String phone, String first, String last) throws Exception {
        return signUp(connect(), phone, first, last);
    }

    /** Signs up (or in) on the given client. */
    public static Signed signUp(MtprotoClient c, String phone, String first, String last) throws Exception {
        AuthSentCode sent = (AuthSentCode) await(c.invoke(new AuthSendCode(phone, 1, "hash", CodeSettings.builder().build())));
        TypeAuthAuthorization a = await(c.invoke(AuthSignIn.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash())
                .phoneCode(code(phone)).build()));
        if (a instanceof AuthAuthorizationSignUpRequired) {
            a = await(c.invoke(AuthSignUp.builder().phoneNumber(phone).phoneCodeHash(sent.phoneCodeHash())
                    .firstName(first).lastName(last).build()));
        }
        return new Signed(c, (User) ((AuthAuthorization) a).user());
    }

    public record Signed(MtprotoClient client, User self) {
        public long id() {
            return self.id();
        }

        public <R> R call(dev.portrait.tl.TlMethod<R> m) throws Exception {
            return await(client.invoke(m));
        }
    }

    @Override
    public void close() {
        for (MtprotoClient c : clients) c.close();
        server.close();
    }
}
