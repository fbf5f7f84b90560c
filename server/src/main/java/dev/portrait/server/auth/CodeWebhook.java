package dev.portrait.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.tl.TlJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each sign-in code to the operator's gateway (an SMS or e-mail sender): a POST of
 * {@code {"phone": "15550001111", "code": "12345", "expiresAt": 1796543070}} to a URL, on a virtual thread of its own
 * so that auth.sendCode never waits for it. Anything but a 2xx answer is retried after 1, 2 and 4 s, then given up
 * (logged without the code, which is a password).
 */
public final class CodeWebhook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CodeWebhook.class);
    static final long[] RETRY_MILLIS = {1_000, 2_000, 4_000};

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public CodeWebhook(String url) {
        this.uri = check(url);
    }

    /** The URL as a URI; IllegalArgumentException when it is not an absolute http(s) URL. */
    public static URI check(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || !"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("the code webhook must be an http(s) URL, not " + url);
        }
        return u;
    }

    /** Starts delivering; returns at once. */
    public void deliver(String phone, String code, int expiresAt) {
        if (closed) return;
        ObjectNode body = TlJson.MAPPER.createObjectNode().put("phone", phone).put("code", code).put("expiresAt", expiresAt);
        Thread t = Thread.ofVirtual().name("code-webhook").unstarted(() -> {
            try {
                send(phone, body.toString());
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
    }

    private void send(String phone, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        for (int attempt = 0; ; attempt++) {
            String why;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    log.info("sign-in code for +{} handed to the webhook", phone);
                    return;
                }
                why = "HTTP " + status;
            } catch (java.io.IOException e) {
                why = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt >= RETRY_MILLIS.length || closed) {
                log.warn("the code webhook refused the code for +{} {} times, last: {}; it is still in `portrait codes`",
                        phone, attempt + 1, why);
                return;
            }
            try {
                Thread.sleep(RETRY_MILLIS[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops retrying; deliveries under way end at their next attempt. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : running) t.interrupt();
    }
}
