package dev.portrait.store.blob;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.Constants;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3-compatible server for tests: s3proxy in this JVM over its in-memory "transient" store, on a free loopback
 * port, with signature checking on. Started once per JVM and shared (it stops with the JVM); every user takes a bucket
 * of its own.
 */
public final class TestS3 {
    public static final String ACCESS = "portrait-test";
    public static final String SECRET = "test+secret/key";
    private static TestS3 shared;

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client admin;
    private final AtomicInteger buckets = new AtomicInteger();

    private TestS3() throws Exception {
        Properties props = new Properties();
        props.setProperty(Constants.PROPERTY_IDENTITY, ACCESS);
        props.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET);
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", props))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        admin = S3BlobStore.clientBuilder(settings("admin", "")).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            admin.close();
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // the JVM is ending anyway
            }
        }, "s3proxy-stop"));
    }

    public static synchronized TestS3 shared() {
        if (shared == null) {
            try {
                shared = new TestS3();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start s3proxy", e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with full rights, for setting buckets up and looking inside them. */
    public S3Client admin() {
        return admin;
    }

    public S3BlobStore.Settings settings(String bucket, String prefix) {
        return new S3BlobStore.Settings(bucket, prefix, endpoint, null, true, ACCESS, SECRET, null, null);
    }

    /** Creates a fresh bucket and returns its name. */
    public String newBucket() {
        String bucket = "bucket-" + buckets.incrementAndGet();
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The {@code --blobs} URL for bucket and prefix, as a deployment would write it. */
    public String url(String bucket, String prefix) {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + "?endpoint=" + endpoint
                + "&region=us-east-1&pathStyle=true&accessKey=" + ACCESS + "&secretKey=" + SECRET.replace("/", "%2F")
                + "&connectTimeout=2&callTimeout=30";
    }
}
