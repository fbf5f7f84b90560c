package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Opens the blob store a configuration names ({@code serve --blobs URL}).
 *
 * <ul>
 * <li>{@code null}, empty or {@code files} (the default): files under {@code <data dir>/blobs}
 *     ({@link FileBlobStore}).</li>
 * <li>{@code s3://BUCKET[/PREFIX][?PARAM=VALUE&…]}: objects in an S3 bucket, under PREFIX/ when given
 *     ({@link S3BlobStore}). The bucket must exist; opening checks it. Parameters, all optional:
 *     <ul>
 *     <li>{@code endpoint=http://host:port} — an S3-compatible server (MinIO, Ceph, s3proxy…); without it, AWS S3.</li>
 *     <li>{@code region=us-east-1} — default: us-east-1 with an endpoint, else the SDK's region chain (AWS_REGION,
 *         ~/.aws/config, instance metadata).</li>
 *     <li>{@code pathStyle=true|false} — http://host/bucket/key rather than http://bucket.host/key; default true
 *         with an endpoint (what S3-compatible servers usually need), false without.</li>
 *     <li>{@code accessKey=…&secretKey=…} — both or neither; without them the SDK's default credentials chain
 *         (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, system properties, ~/.aws/credentials, container and instance
 *         roles). Values are percent-decoded; a literal '+' stays '+' (secret keys often hold '+' and '/': either
 *         is fine as it is, or write %2B and %2F).</li>
 *     <li>{@code connectTimeout=5} and {@code callTimeout=60} — seconds: to connect, and for a whole call including
 *         its retries (each attempt gets a third of it).</li>
 *     </ul>
 *     Example: {@code s3://portrait/prod?endpoint=http://127.0.0.1:9000&accessKey=minio&secretKey=minio123}.</li>
 * </ul>
 * Anything else is refused with IllegalArgumentException, as are unknown parameters (a typo must not silently
 * fall back to a default). Messages never repeat the secret key.
 */
public final class BlobStores {
    public static final String FILES = "files";
    private static final Set<String> PARAMS = Set.of("endpoint", "region", "pathStyle", "accessKey", "secretKey",
            "connectTimeout", "callTimeout");

    private BlobStores() {
    }

    public static BlobStore open(String blobsUrl, Path dataDir) {
        String url = check(blobsUrl);
        if (url == null) {
            Objects.requireNonNull(dataDir, "the data directory");
            return new FileBlobStore(dataDir.resolve("blobs"));
        }
        return S3BlobStore.open(parseS3(url));
    }

    /**
     * Checks a blobs URL without connecting: null for the default (null, blank or {@code files}: files in the data
     * directory), else the stripped s3:// URL.
     *
     * @throws IllegalArgumentException when it names no blob store Portrait knows or the s3:// URL is malformed
     */
    public static String check(String blobsUrl) {
        String url = blobsUrl == null ? "" : blobsUrl.strip();
        if (url.isEmpty() || url.equalsIgnoreCase(FILES)) return null;
        if (!url.startsWith("s3://")) {
            throw new IllegalArgumentException("unknown blob store \"" + redact(blobsUrl)
                    + "\": use \"files\" (the default, files in the data directory) or s3://bucket[/prefix]?endpoint=…");
        }
        parseS3(url);
        return url;
    }

    /** The settings an s3:// URL describes (no network). */
    public static S3BlobStore.Settings parseS3(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad S3 URL \"" + redact(url) + "\": " + e.getReason());
        }
        if (!"s3".equals(uri.getScheme())) throw new IllegalArgumentException("not an s3:// URL: \"" + redact(url) + "\"");
        String bucket = uri.getRawAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 URL without a bucket: \"" + redact(url) + "\" (s3://bucket[/prefix])");
        }
        if (bucket.contains("@") || bucket.contains(":")) {
            throw new IllegalArgumentException("S3 URL \"" + redact(url)
                    + "\": give credentials as accessKey/secretKey parameters, not in the host part");
        }
        if (uri.getRawFragment() != null) throw new IllegalArgumentException("S3 URL with a #fragment: \"" + redact(url) + "\"");
        String prefix = decode(uri.getRawPath() == null ? "" : uri.getRawPath());
        Map<String, String> params = params(uri.getRawQuery(), url);

        URI endpoint = null;
        String e = params.get("endpoint");
        if (e != null) {
            try {
                endpoint = new URI(e);
            } catch (URISyntaxException x) {
                throw new IllegalArgumentException("bad S3 endpoint \"" + e + "\": " + x.getReason());
            }
        }
        boolean pathStyle = endpoint != null;
        String ps = params.get("pathStyle");
        if (ps != null) {
            if (!ps.equals("true") && !ps.equals("false")) throw new IllegalArgumentException("pathStyle must be true or false, not \"" + ps + "\"");
            pathStyle = ps.equals("true");
        }
        return new S3BlobStore.Settings(bucket, prefix, endpoint, params.get("region"), pathStyle,
                params.get("accessKey"), params.get("secretKey"),
                seconds(params, "connectTimeout"), seconds(params, "callTimeout"));
    }

    private static Map<String, String> params(String rawQuery, String url) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMS.contains(name)) {
                throw new IllegalArgumentException("unknown S3 URL parameter \"" + name + "\" in \"" + redact(url)
                        + "\"; known: " + String.join(", ", PARAMS.stream().sorted().toList()));
            }
            if (params.put(name, value) != null) throw new IllegalArgumentException("S3 URL parameter \"" + name + "\" given twice");
        }
        return params;
    }

    private static Duration seconds(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) return null;
        try {
            long s = Long.parseLong(v);
            if (s <= 0 || s > 86_400) throw new NumberFormatException();
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds (1 to 86400), not \"" + v + "\"");
        }
    }

    /** Percent-decoding as in URIs: '+' is a plus sign, not a space (it is common in secret keys). */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad percent-encoding in the S3 URL"); // the part may be a secret
        }
    }

    /** The URL without its query or user info (where a secret key may be), for messages and logs. */
    public static String redact(String url) {
        if (url == null) return null;
        int q = url.indexOf('?');
        String r = q < 0 ? url : url.substring(0, q) + "?…";
        int scheme = r.indexOf("://");
        int at = r.indexOf('@');
        return scheme >= 0 && at > scheme ? r.substring(0, scheme + 3) + "…@" + r.substring(at + 1) : r;
    }
}
