package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@OnEveryEngine
class AuthKeyStoreTest {
    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    @Test
    void authKeysSurviveReopening() {
        byte[] key = new byte[256];
        key[0] = 7;
        try (Store store = engine.open(dir)) {
            assertThat(store.authKeys().insertAuthKey(new StoredAuthKey(42, key, 1000, 0, 0, 0, 0))).isTrue();
            assertThat(store.authKeys().insertAuthKey(new StoredAuthKey(42, new byte[256], 1000, 0, 0, 0, 0))).isFalse();
            store.authKeys().setLayer(42, 198);
        }
        try (Store store = engine.open(dir)) {
            StoredAuthKey k = store.authKeys().findAuthKey(42).orElseThrow();
            assertThat(k.key()).isEqualTo(key);
            assertThat(k.layer()).isEqualTo(198);
            assertThat(k.temporary()).isFalse();
            assertThat(store.authKeys().findAuthKey(43)).isEmpty();
        }
    }

    @Test
    void temporaryKeysBindAndExpire() {
        try (Store store = engine.open(dir)) {
            store.authKeys().insertAuthKey(new StoredAuthKey(1, new byte[256], 1000, 0, 0, 0, 0));
            store.authKeys().insertAuthKey(new StoredAuthKey(2, new byte[256], 1000, 5000, 0, 0, 0));
            store.authKeys().bindTempAuthKey(2, 1, 6000);
            StoredAuthKey temp = store.authKeys().findAuthKey(2).orElseThrow();
            assertThat(temp.permKeyId()).isEqualTo(1);
            assertThat(temp.expiresAt()).isEqualTo(6000);
            assertThat(store.authKeys().deleteExpiredAuthKeys(5999)).isZero();
            assertThat(store.authKeys().deleteExpiredAuthKeys(6001)).isEqualTo(1);
            assertThat(store.authKeys().findAuthKey(2)).isEmpty();
            assertThat(store.authKeys().findAuthKey(1)).isPresent();
            store.authKeys().deleteAuthKey(1);
            assertThat(store.authKeys().findAuthKey(1)).isEmpty();
        }
    }

    @Test
    void clientInfoIsKeptWithTheKey() {
        try (Store store = engine.open(dir)) {
            store.authKeys().insertAuthKey(new StoredAuthKey(5, new byte[256], 1000, 0, 0, 0, 9));
            assertThat(store.authKeys().findAuthKey(5).orElseThrow().client()).isNull();
            store.authKeys().setClient(5, info());
        }
        try (Store store = engine.open(dir)) {
            assertThat(store.authKeys().findAuthKey(5).orElseThrow().client()).isEqualTo(info());
            assertThat(store.authKeys().list(9)).singleElement().extracting(StoredAuthKey::client).isEqualTo(info());
        }
    }

    private static ClientInfo info() {
        return new ClientInfo(2040, "Desktop", "Windows 11", "5.2.1 x64", "en-US", "en", "10.0.0.7", "obfuscated2/abridged", 1234);
    }
}
