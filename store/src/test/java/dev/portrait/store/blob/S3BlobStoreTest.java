package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import dev.portrait.store.StoreException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The blob store contract on S3: an s3proxy server runs in this JVM ({@link TestS3}) over its in-memory "transient"
 * store on a free loopback port, with signature checking on; every test gets a bucket of its own, and the store
 * under test keeps its objects under a key prefix.
 */
class S3BlobStoreTest extends BlobStoreContract {
    static final String PREFIX = "deploy/blobs";

    static TestS3 s3;
    static URI endpoint;
    static S3Client admin;

    String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() {
        s3 = TestS3.shared();
        endpoint = s3.endpoint();
        admin = s3.admin();
    }

    static S3BlobStore.Settings settings(String bucket, String prefix) {
        return s3.settings(bucket, prefix);
    }

    String url(String prefix) {
        return s3.url(bucket, prefix);
    }

    @Override
    BlobStore newStore() {
        bucket = s3.newBucket();
        // the way the server will open it
        return dev.portrait.store.blob.BlobStores.open(url(PREFIX), dir);
    }

    @Test
    void objectsLiveUnderThePrefixAndPrefixesDoNotSeeEachOther() {
        String key = blobs.newKey("photos");
        blobs.put(key, new byte[]{1, 2, 3});
        assertThat(admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key))
                .containsExactly(PREFIX + "/" + key);
        try (BlobStore other = dev.portrait.store.blob.BlobStores.open(url("deploy/other"), dir);
             BlobStore bare = dev.portrait.store.blob.BlobStores.open(url(""), dir)) {
            assertThat(other.get(key)).isEmpty();
            assertThat(keys(other.keysWrittenBefore("photos", Instant.now().plusSeconds(3600)))).isEmpty();
            assertThat(other.delete(key)).isFalse();
            assertThat(bare.get(PREFIX + "/" + key).orElseThrow()).containsExactly(1, 2, 3);
            assertThat(keys(bare.keysWrittenBefore("deploy", Instant.now().plusSeconds(3600)))).containsExactly(PREFIX + "/" + key);
        }
        assertThat(blobs.get(key).orElseThrow()).containsExactly(1, 2, 3);
    }

    @Test
    void foreignObjectsUnderThePrefixAreNeverCollectionCandidates() {
        admin.putObject(b -> b.bucket(bucket).key(PREFIX + "/parts/README.txt"), RequestBody.fromString("not a blob"));
        admin.putObject(b -> b.bucket(bucket).key(PREFIX + "/parts/ab/UPPER"), RequestBody.fromString("not a blob"));
        String key = blobs.newKey("parts");
        blobs.put(key, new byte[]{1});
        assertThat(keys(blobs.keysWrittenBefore("parts", Instant.now().plusSeconds(3600)))).containsExactly(key);
    }

    /** The body is spoiled after put computed its Content-MD5 (and before signing): S3 must refuse it. */
    @Test
    void aCorruptedUploadIsRefused() {
        ExecutionInterceptor corrupt = new ExecutionInterceptor() {
            @Override
            public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.requestBody().map(body -> {
                    byte[] bytes;
                    try (var in = body.contentStreamProvider().newStream()) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (bytes.length > 0) bytes[bytes.length / 2] ^= 1;
                    byte[] spoiled = bytes;
                    ContentStreamProvider provider = () -> new ByteArrayInputStream(spoiled);
                    return RequestBody.fromContentProvider(provider, spoiled.length, "application/octet-stream");
                });
            }
        };
        S3Client client = S3BlobStore.clientBuilder(settings(bucket, PREFIX))
                .overrideConfiguration(o -> o.addExecutionInterceptor(corrupt))
                .build();
        try (S3BlobStore spoiling = new S3BlobStore(client, bucket, PREFIX)) {
            String key = spoiling.newKey("photos");
            Throwable thrown = catchThrowable(() -> spoiling.put(key, bytes(10_000, 20)));
            assertThat(thrown).isInstanceOf(StoreException.class).hasCauseInstanceOf(S3Exception.class);
            S3Exception refusal = (S3Exception) thrown.getCause();
            assertThat(refusal.statusCode()).isEqualTo(400);
            assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
            assertThat(blobs.get(key)).isEmpty();
        }
    }

    /** What the range mapping costs on the wire: a 416 is confirmed by a HEAD, a 404 is final. */
    @Test
    void readsAtTheEndAreA416ConfirmedByAHead() {
        List<String> exchanges = new CopyOnWriteArrayList<>();
        ExecutionInterceptor record = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                exchanges.add(context.httpRequest().method() + " " + context.httpResponse().statusCode());
            }
        };
        S3Client client = S3BlobStore.clientBuilder(settings(bucket, PREFIX))
                .overrideConfiguration(o -> o.addExecutionInterceptor(record))
                .build();
        try (S3BlobStore store = new S3BlobStore(client, bucket, PREFIX)) {
            String key = store.newKey("photos");
            store.put(key, bytes(8192, 21));
            exchanges.clear();
            assertThat(store.read(key, 4096, 8192).orElseThrow()).hasSize(4096);
            assertThat(exchanges).containsExactly("GET 206");
            exchanges.clear();
            assertThat(store.read(key, 8192, 4096).orElseThrow()).isEmpty();
            assertThat(exchanges).containsExactly("GET 416", "HEAD 200");
            exchanges.clear();
            assertThat(store.read(store.newKey("photos"), 0, 4096)).isEmpty();
            assertThat(exchanges).containsExactly("GET 404");
            exchanges.clear();
            assertThat(store.delete(key)).isTrue();
            assertThat(exchanges).containsExactly("HEAD 200", "DELETE 204");
        }
    }

    @Test
    void openingAMissingBucketFailsAtOnce() {
        assertThatThrownBy(() -> S3BlobStore.open(settings("no-such-bucket", "")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no-such-bucket")
                .hasMessageNotContaining(TestS3.SECRET);
    }

    @Test
    void wrongCredentialsFailAtOnce() {
        var wrong = new S3BlobStore.Settings(bucket, "", endpoint, null, true, TestS3.ACCESS, "not-the-secret", null, null);
        assertThatThrownBy(() -> S3BlobStore.open(wrong)).isInstanceOf(StoreException.class).hasMessageNotContaining("not-the-secret");
    }
}
