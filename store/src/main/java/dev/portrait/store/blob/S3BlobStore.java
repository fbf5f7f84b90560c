package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import dev.portrait.store.StoreException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Blobs as objects in an S3 bucket (AWS or any S3-compatible server), optionally under a key prefix so that several
 * deployments can share a bucket. The blob key {@code photos/ab/ab…} is stored as the object {@code <prefix>/photos/ab/ab…}.
 *
 * <ul>
 * <li>put is one PutObject with a Content-MD5 header: S3 refuses a body that does not match it (BadDigest), and an
 *     object is durable and visible to every later read once PutObject has answered 200; a failed put leaves
 *     whatever the key held before (S3 writes objects whole).</li>
 * <li>read is a ranged GetObject. S3 answers 416 (InvalidRange) when the offset is at or past the end; since a missing
 *     object answers 404 instead, a 416 means "exists, too short", which a HeadObject confirms (it also catches a
 *     blob replaced by a longer one in between, in which case the read is tried again).</li>
 * <li>delete is HeadObject then DeleteObject, because DeleteObject succeeds whether or not the object existed. Two
 *     deleters racing may both answer true; callers only count with it (housekeeping's log line), so that is harmless.
 *     Keys are never reused, so a put cannot slip between the two calls.</li>
 * <li>keysWrittenBefore lists with ListObjectsV2 (paginated lazily) and compares S3's LastModified — one-second
 *     granularity, taken from the S3 server's clock, so the grace period of the caller must dwarf both.</li>
 * </ul>
 * The client is the SDK's URL-connection one (no Netty or Apache HTTP client on the class path) with the standard
 * retry strategy, a connect timeout and a timeout for each call (and each of its attempts). {@link #close()} closes it.
 */
public final class S3BlobStore implements BlobStore {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /**
     * Where and how to reach the bucket. endpoint null means AWS itself (region then from the parameter or the SDK's
     * region chain); accessKey null means the SDK's default credentials chain (AWS_ACCESS_KEY_ID and
     * AWS_SECRET_ACCESS_KEY, system properties, ~/.aws, container or instance roles).
     */
    public record Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle,
                           String accessKey, String secretKey, Duration connectTimeout, Duration callTimeout) {
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
        private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

        public Settings {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("bad S3 bucket name \"" + bucket + "\": 3 to 63 of a-z 0-9 . _ -");
            }
            prefix = prefix == null ? "" : stripSlashes(prefix);
            if (!prefix.isEmpty() && (!PREFIX.matcher(prefix).matches() || ("/" + prefix + "/").contains("/./")
                    || ("/" + prefix + "/").contains("/../") || prefix.length() > 200)) {
                throw new IllegalArgumentException("bad S3 key prefix \"" + prefix + "\": segments of A-Z a-z 0-9 . _ -");
            }
            if (endpoint != null && (endpoint.getHost() == null
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
                throw new IllegalArgumentException("bad S3 endpoint \"" + endpoint + "\": http://host:port or https://host");
            }
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("S3 credentials need both accessKey and secretKey (or neither)");
            }
            if (region != null && region.isBlank()) region = null;
            if (connectTimeout == null) connectTimeout = DEFAULT_CONNECT_TIMEOUT;
            if (callTimeout == null) callTimeout = DEFAULT_CALL_TIMEOUT;
            if (connectTimeout.isNegative() || connectTimeout.isZero() || callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("S3 timeouts must be positive");
            }
        }

        /** AWS S3 in the given region (null: the SDK's region chain), default credentials. */
        public static Settings aws(String bucket, String prefix, String region) {
            return new Settings(bucket, prefix, null, region, false, null, null, null, null);
        }

        private static String stripSlashes(String p) {
            int from = 0;
            int to = p.length();
            while (from < to && p.charAt(from) == '/') from++;
            while (to > from && p.charAt(to - 1) == '/') to--;
            return p.substring(from, to);
        }

        /** The secret key never appears in logs. */
        @Override
        public String toString() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)
                    + (endpoint == null ? "" : " at " + endpoint) + (region == null ? "" : " region " + region)
                    + (pathStyle ? " path-style" : "") + (accessKey == null ? "" : " key " + accessKey + " secret ***")
                    + " connect " + connectTimeout + " call " + callTimeout;
        }
    }

    private final S3Client s3;
    private final String bucket;
    /** "" or the prefix with a trailing slash. */
    private final String prefix;

    /** A store over the given client, which it then owns (closes). The prefix may be empty. */
    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        String p = prefix == null ? "" : Settings.stripSlashes(prefix);
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    /** Builds the client and checks that the bucket is there and reachable (HeadBucket), failing fast otherwise. */
    public static S3BlobStore open(Settings settings) {
        S3Client client;
        try {
            client = clientBuilder(settings).build();
        } catch (SdkException e) {
            throw new StoreException("cannot set up the S3 client for " + settings + ": " + e.getMessage(), e);
        }
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new StoreException("S3 bucket " + settings.bucket() + " is missing or unreachable ("
                    + settings + "): " + e.getMessage(), e);
        }
        return new S3BlobStore(client, settings.bucket(), settings.prefix());
    }

    /** The client the settings describe, not yet built (tests add interceptors). */
    static S3ClientBuilder clientBuilder(Settings s) {
        // One attempt may take a third of the call, so that a hung connection still leaves time for retries.
        Duration attempt = s.callTimeout().dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0
                ? s.callTimeout() : s.callTimeout().dividedBy(3);
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(attempt))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(s.pathStyle())
                        // one plainly signed body rather than aws-chunked framing, which not every S3-compatible server takes
                        .chunkedEncodingEnabled(false)
                        .build())
                // Content-MD5 (set by put) is the integrity check every S3-compatible server knows; the SDK's own
                // flexible checksums would add CRC trailers and, on AWS reads, CRC64NVME, which needs the native CRT.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(s.callTimeout())
                        .apiCallAttemptTimeout(attempt));
        if (s.endpoint() != null) b.endpointOverride(s.endpoint());
        if (s.region() != null) b.region(Region.of(s.region()));
        else if (s.endpoint() != null) b.region(Region.US_EAST_1); // S3-compatible servers mostly ignore it, but signing needs one
        if (s.accessKey() != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey())));
        }
        return b;
    }

    public String bucket() {
        return bucket;
    }

    /** "" or the object key prefix, with its trailing slash. */
    public String prefix() {
        return prefix;
    }

    private String objectKey(String key) {
        return prefix + BlobKeys.check(key);
    }

    @Override
    public String newKey(String prefix) {
        return BlobKeys.newKey(prefix);
    }

    @Override
    public void put(String key, byte[] data) {
        String k = objectKey(key);
        String md5 = Base64.getEncoder().encodeToString(md5().digest(data));
        try {
            s3.putObject(r -> r.bucket(bucket).key(k).contentLength((long) data.length).contentMD5(md5),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data), data.length, "application/octet-stream"));
        } catch (SdkException e) {
            throw new StoreException("cannot write blob " + key + " to S3 bucket " + bucket, e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        String k = objectKey(key);
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(k)).asByteArrayUnsafe());
        } catch (SdkException e) {
            if (missing(e)) return Optional.empty();
            throw new StoreException("cannot read blob " + key + " from S3 bucket " + bucket, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key, long offset, int length) {
        String k = objectKey(key);
        if (offset < 0 || length < 0) throw new IllegalArgumentException("bad range " + offset + "+" + length);
        if (length == 0) return size(key, k).map(size -> new byte[0]);
        long last = offset > Long.MAX_VALUE - length ? Long.MAX_VALUE : offset + length - 1;
        for (int attempt = 0; ; attempt++) {
            try {
                ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(bucket).key(k).range("bytes=" + offset + "-" + last));
                return Optional.of(slice(key, r, offset, length));
            } catch (SdkException e) {
                if (e instanceof S3Exception s && s.statusCode() == 416) {
                    // Not satisfiable: the blob exists (a missing one answers 404) but ends at or before offset.
                    Optional<Long> size = size(key, k);
                    if (size.isEmpty()) return Optional.empty(); // deleted meanwhile
                    if (offset >= size.get()) return Optional.of(new byte[0]);
                    if (attempt < 2) continue; // replaced by a longer blob meanwhile
                    throw new StoreException("S3 refuses the range " + offset + "+" + length + " of blob " + key
                            + " (" + size.get() + " bytes)", e);
                }
                if (missing(e)) return Optional.empty();
                throw new StoreException("cannot read blob " + key + " from S3 bucket " + bucket, e);
            }
        }
    }

    /** The requested bytes out of a 206 (checked against Content-Range) or a 200 (a server that ignored Range). */
    private static byte[] slice(String key, ResponseBytes<GetObjectResponse> r, long offset, int length) {
        byte[] body = r.asByteArrayUnsafe();
        String contentRange = r.response().contentRange();
        int status = r.response().sdkHttpResponse().statusCode();
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) != offset
                    || Long.parseLong(m.group(2)) - offset + 1 != body.length || body.length > length) {
                throw new StoreException("S3 answered the range " + offset + "+" + length + " of blob " + key
                        + " with " + contentRange + " and " + body.length + " bytes", null);
            }
            return body;
        }
        // The whole object.
        if (offset >= body.length) return new byte[0];
        return Arrays.copyOfRange(body, (int) offset, (int) Math.min(body.length, offset + length));
    }

    /** The blob's size, empty when it does not exist. */
    private Optional<Long> size(String key, String objectKey) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(objectKey)).contentLength());
        } catch (SdkException e) {
            if (missing(e)) return Optional.empty();
            throw new StoreException("cannot look up blob " + key + " in S3 bucket " + bucket, e);
        }
    }

    /**
     * A missing object: 404 NoSuchKey (HeadObject's 404 has no body, the SDK calls it NoSuchKey too). A missing
     * bucket is a broken deployment, not a missing blob — except on HEAD, which cannot tell them apart; open()
     * checked the bucket.
     */
    private static boolean missing(SdkException e) {
        if (e instanceof NoSuchKeyException) return true;
        if (e instanceof S3Exception s && s.statusCode() == 404) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            return !"NoSuchBucket".equals(code);
        }
        return false;
    }

    @Override
    public boolean delete(String key) {
        String k = objectKey(key);
        if (size(key, k).isEmpty()) return false;
        deleteObject(key, k);
        return true;
    }

    /** Without {@link #delete}'s HEAD: S3 answers a DELETE of a missing key with success too. */
    @Override
    public void deleteAll(java.util.Collection<String> keys) {
        Concurrently.map(List.copyOf(keys), key -> {
            deleteObject(key, objectKey(key));
            return true;
        });
    }

    private void deleteObject(String key, String objectKey) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            throw new StoreException("cannot delete blob " + key + " from S3 bucket " + bucket, e);
        }
    }

    @Override
    public Stream<String> keysWrittenBefore(String keyPrefix, Instant before) {
        String listPrefix = prefix + BlobKeys.check(keyPrefix) + "/";
        Iterator<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(listPrefix)).contents().iterator();
        } catch (SdkException e) {
            throw new StoreException("cannot list blobs under " + keyPrefix + " in S3 bucket " + bucket, e);
        }
        Iterator<S3Object> guarded = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return objects.hasNext();
                } catch (SdkException e) {
                    throw new StoreException("cannot list blobs under " + keyPrefix + " in S3 bucket " + bucket, e);
                }
            }

            @Override
            public S3Object next() {
                try {
                    return objects.next();
                } catch (SdkException e) {
                    throw new StoreException("cannot list blobs under " + keyPrefix + " in S3 bucket " + bucket, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(guarded, Spliterator.ORDERED | Spliterator.NONNULL), false)
                // An object without a date is never a candidate: collection must not delete what it cannot date.
                .filter(o -> o.lastModified() != null && o.lastModified().isBefore(before))
                .map(o -> o.key().substring(prefix.length()))
                // Objects someone else put under the prefix are none of ours.
                .filter(BlobKeys::valid);
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[s3://" + bucket + "/" + prefix + "]";
    }
}
