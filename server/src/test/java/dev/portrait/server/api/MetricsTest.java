package dev.portrait.server.api;

import dev.portrait.client.RpcErrorException;
import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.portrait.server.api.PhotosTest.image;
import static dev.portrait.server.api.PhotosTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Prometheus endpoint: what a scrape shows after real calls, and what it answers to anything else. */
class MetricsTest {
    @TempDir
    Path dir;

    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpResponse<String> get(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample {@code series} (a name, with its labels or with any). */
    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("a sample %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(2));
    }

    @Test
    void aScrapeCountsCallsByMethodAndOutcomeBytesAndConnections() throws Exception {
        try (TestAccounts t = new TestAccounts(dir, c -> c.withMetrics("127.0.0.1", 0))) {
            int port = t.server.metricsPort();
            assertThat(port).isPositive();
            TestAccounts.Signed a = t.signUp("9996660701", "Ann", "");
            byte[] jpeg = image(500, 500, "jpg");
            a.call(PhotosUploadProfilePhoto.builder().file(upload(a, jpeg, "a.jpg")).build());
            assertThatThrownBy(() -> a.call(new UsersGetFullUser(new InputUser(a.id() + 1, 42))))
                    .isInstanceOf(RpcErrorException.class).hasMessage("400 USER_ID_INVALID");
            a.call(new UsersGetUsers(List.of(new InputUserSelf())));
            a.call(new UsersGetUsers(List.of(new InputUserSelf())));

            HttpResponse<String> r = get(port, "GET", "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String s = r.body();
            assertThat(sample(s, "portrait_rpc_seconds_count{method=\"photos.uploadProfilePhoto\",outcome=\"ok\"}")).isEqualTo(1);
            assertThat(sample(s, "portrait_rpc_seconds_count{method=\"users.getFullUser\",outcome=\"USER_ID_INVALID\"}")).isEqualTo(1);
            assertThat(sample(s, "portrait_rpc_seconds_count{method=\"users.getUsers\",outcome=\"ok\"}")).isEqualTo(2);
            // latency buckets for alerts: every call is within 10 s
            assertThat(sample(s, "portrait_rpc_seconds_bucket{method=\"users.getUsers\",outcome=\"ok\",le=\"10.0\"}")).isEqualTo(2);
            assertThat(sample(s, "portrait_rpc_seconds_count{method=\"auth.signUp\",outcome=\"ok\"}")).isEqualTo(1);
            assertThat(sample(s, "portrait_upload_bytes_total")).isEqualTo(jpeg.length);
            assertThat(sample(s, "portrait_media_image_seconds_count")).isEqualTo(1);
            assertThat(sample(s, "portrait_connections")).isGreaterThanOrEqualTo(1);
            assertThat(sample(s, "portrait_connections_accepted_total")).isGreaterThanOrEqualTo(1);
            // the Java client's default transport: intermediate, not obfuscated, over TCP
            assertThat(sample(s, "portrait_connections_transport_total{framing=\"intermediate\",obfuscated=\"false\",websocket=\"false\"}"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(sample(s, "portrait_key_exchanges_refused_total")).as("every key exchange got its turn").isZero();
            assertThat(sample(s, "portrait_users_connected")).isEqualTo(1);
            assertThat(sample(s, "jvm_threads_live_threads")).isPositive(); // one series, unlike the memory pools (some of which are empty)

            // a download counts what it sends
            Photo p = (Photo) ((PhotosPhotos) a.call(new PhotosGetUserPhotos(new InputUserSelf(), 0, 0, 1))).photos().getFirst();
            byte[] c = PhotosTest.download(a, new InputPhotoFileLocation(p.id(), p.accessHash(), p.fileReference(), "c"));
            assertThat(sample(get(port, "GET", "/metrics").body(), "portrait_download_bytes_total")).isEqualTo(c.length);

            // what the admin CLI announces through the store is counted by kind when this server applies it
            try (dev.portrait.store.Store admin = dev.portrait.store.Stores.open(null, null, dir)) {
                admin.events().publish(dev.portrait.store.EventStore.AUTH_KEY_REVOKED, 12345, (int) (System.currentTimeMillis() / 1000));
            }
            String series = "portrait_events_received_total{kind=\"auth_key_revoked\"}";
            TwoNodesTest.eventually(() -> assertThat(sample(get(port, "GET", "/metrics").body(), series)).isEqualTo(1));

            assertThat(get(port, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(get(port, "GET", "/metrics/x").statusCode()).isEqualTo(404);
            HttpResponse<String> post = get(port, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(get(port, "HEAD", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    /** A metrics address that is taken stops the start, and the server lets go of everything it had opened. */
    @Test
    void aTakenMetricsAddressStopsTheStartCleanly() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            dev.portrait.server.ServerConfig config = dev.portrait.server.ServerConfig.defaults(dir).withListen("127.0.0.1", port)
                    .withMetrics("127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> dev.portrait.server.PortraitServer.start(config))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("metrics");
            // the MTProto port and the store were released: the same configuration without metrics starts
            try (dev.portrait.server.PortraitServer again = dev.portrait.server.PortraitServer.start(config.withMetrics(null, 0))) {
                assertThat(again.port()).isEqualTo(port);
            }
        }
    }

    @Test
    void noEndpointUnlessAsked() throws Exception {
        try (TestAccounts t = new TestAccounts(dir)) {
            assertThat(t.server.metricsPort()).isEqualTo(-1);
        }
    }
}
