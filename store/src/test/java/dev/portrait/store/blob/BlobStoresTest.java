package dev.portrait.store.blob;

import dev.portrait.store.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlobStoresTest {
    @TempDir
    Path dir;

    @Test
    void filesInTheDataDirectoryAreTheDefault() {
        for (String url : new String[]{null, "", "  ", "files", " files "}) {
            try (BlobStore blobs = BlobStores.open(url, dir)) {
                assertThat(blobs).as(String.valueOf(url)).isInstanceOf(FileBlobStore.class);
                assertThat(((FileBlobStore) blobs).root()).isEqualTo(dir.resolve("blobs").toAbsolutePath());
            }
        }
    }

    @Test
    void aFullS3Url() {
        S3BlobStore.Settings s = BlobStores.parseS3("s3://photos-bucket/portrait/prod?endpoint=http://127.0.0.1:9000"
                + "&region=eu-west-1&pathStyle=false&accessKey=AKIA123&secretKey=abc%2Fdef+ghi/jkl%3D&connectTimeout=2&callTimeout=30");
        assertThat(s.bucket()).isEqualTo("photos-bucket");
        assertThat(s.prefix()).isEqualTo("portrait/prod");
        assertThat(s.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.pathStyle()).isFalse();
        assertThat(s.accessKey()).isEqualTo("AKIA123");
        assertThat(s.secretKey()).isEqualTo("abc/def+ghi/jkl=");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.toString()).contains("photos-bucket", "portrait/prod", "AKIA123").doesNotContain("def+ghi");
    }

    @Test
    void aBareS3UrlMeansAwsWithTheDefaultChains() {
        S3BlobStore.Settings s = BlobStores.parseS3("s3://photos-bucket");
        assertThat(s.bucket()).isEqualTo("photos-bucket");
        assertThat(s.prefix()).isEmpty();
        assertThat(s.endpoint()).isNull();
        assertThat(s.region()).isNull();
        assertThat(s.pathStyle()).isFalse();
        assertThat(s.accessKey()).isNull();
        assertThat(s.secretKey()).isNull();
        assertThat(s.connectTimeout()).isEqualTo(S3BlobStore.Settings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(s.callTimeout()).isEqualTo(S3BlobStore.Settings.DEFAULT_CALL_TIMEOUT);
        assertThat(BlobStores.parseS3("s3://photos-bucket/").prefix()).isEmpty();
        assertThat(BlobStores.parseS3("s3://photos-bucket//a/b//").prefix()).isEqualTo("a/b");
    }

    @Test
    void anEndpointImpliesPathStyleUnlessToldOtherwise() {
        assertThat(BlobStores.parseS3("s3://b-1?endpoint=http://localhost:9000").pathStyle()).isTrue();
        assertThat(BlobStores.parseS3("s3://b-1?endpoint=http://localhost:9000&pathStyle=false").pathStyle()).isFalse();
        assertThat(BlobStores.parseS3("s3://b-1?pathStyle=true").pathStyle()).isTrue();
        assertThat(BlobStores.parseS3("s3://b-1?endpoint=https://s3.example.com").endpoint()).hasScheme("https");
    }

    @Test
    void badUrlsAreRefusedClearly() {
        assertRefused("gs://bucket", "unknown blob store");
        assertRefused("/var/lib/portrait/blobs", "unknown blob store");
        assertRefused("file:///tmp/x", "unknown blob store");
        assertRefused("s3://", "bad S3 URL");
        assertRefused("s3:///prefix", "without a bucket");
        assertRefused("s3://Bad_Bucket", "bucket name");
        assertRefused("s3://ab", "bucket name");
        assertRefused("s3://bucket/../x", "prefix");
        assertRefused("s3://bucket/a b", "bad S3 URL");
        assertRefused("s3://bucket?endpont=http://x", "unknown S3 URL parameter \"endpont\"");
        assertRefused("s3://bucket?endpoint=ftp://x", "bad S3 endpoint");
        assertRefused("s3://bucket?endpoint=localhost:9000", "bad S3 endpoint");
        assertRefused("s3://bucket?pathStyle=yes", "pathStyle");
        assertRefused("s3://bucket?accessKey=a", "both accessKey and secretKey");
        assertRefused("s3://bucket?secretKey=hunter2", "both accessKey and secretKey");
        assertRefused("s3://bucket?callTimeout=0", "callTimeout");
        assertRefused("s3://bucket?connectTimeout=5s", "connectTimeout");
        assertRefused("s3://bucket?region=a&region=b", "twice");
        assertRefused("s3://key:hunter2@bucket", "accessKey/secretKey parameters");
    }

    @Test
    void refusalsNeverRepeatTheSecret() {
        for (String url : new String[]{"s3://bucket?secretKey=hunter2&bogus=1", "s3://bucket?secretKey=hunter2",
                "s3://key:hunter2@bucket", "s3://bucket?secretKey=hunter2%zz&accessKey=a", "sx://bucket?secretKey=hunter2"}) {
            assertThatThrownBy(() -> BlobStores.open(url, dir)).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("hunter2");
        }
    }

    private void assertRefused(String url, String message) {
        assertThatThrownBy(() -> BlobStores.open(url, dir)).as(url)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
