package dev.portrait.cli;

import dev.portrait.server.admin.SessionStrings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each format's bytes, checked by decoders written from the libraries' readers (gramjs StringSession constructor,
 * Telethon StringSession.__init__, mtcute readStringSession + parseBasicDcOption), and a fixed vector per format.
 */
class SessionStringsTest {
    record Decoded(int dc, String host, int port, long userId, boolean bot, byte[] key) {
    }

    static byte[] key(int seed) {
        byte[] k = new byte[256];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (i * 7 + seed);
        return k;
    }

    /** gramjs: "1", base64; u8 dc; int16 BE length (not 352 base64 chars, not > 100); address; int16 BE port; the rest is the key. */
    static Decoded decodeGramjs(String s) {
        assertThat(s).startsWith("1");
        assertThat(s.length() - 1).as("352 characters would be read as a Telethon session").isNotEqualTo(352);
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(s.substring(1)));
        int dc = b.get() & 0xff;
        int len = b.getShort();
        assertThat(len).isBetween(1, 100);
        byte[] host = new byte[len];
        b.get(host);
        int port = b.getShort(); // signed, as gramjs reads it
        byte[] key = new byte[b.remaining()];
        b.get(key);
        return new Decoded(dc, new String(host, StandardCharsets.US_ASCII), port, 0, false, key);
    }

    /** Telethon: "1", urlsafe base64 (padded); '>B4sH256s' when 353 characters long, else '>B16sH256s'. */
    static Decoded decodeTelethon(String s) {
        assertThat(s).startsWith("1");
        byte[] raw = Base64.getUrlDecoder().decode(s.substring(1));
        int ipLen = s.length() == 353 ? 4 : 16;
        assertThat(raw).hasSize(1 + ipLen + 2 + 256);
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dc = b.get() & 0xff;
        byte[] ip = new byte[ipLen];
        b.get(ip);
        int port = b.getShort() & 0xffff;
        byte[] key = new byte[256];
        b.get(key);
        try {
            return new Decoded(dc, InetAddress.getByAddress(ip).getHostAddress(), port, 0, false, key);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** mtcute v3: base64url; u8 3; int32 flags; bytes(dc option); [media dc]; [int53 id, Bool bot]; bytes(key). */
    static Decoded decodeMtcute(String s) {
        assertThat(s).doesNotContain("=", "+", "/");
        ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get()).as("version").isEqualTo((byte) 3);
        int flags = b.getInt();
        assertThat(flags & 2).as("old test-mode flag").isZero();
        ByteBuffer dc = ByteBuffer.wrap(tlBytes(b)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(dc.get()).as("dc option version").isEqualTo((byte) 2);
        int dcId = dc.get() & 0xff;
        int dcFlags = dc.get();
        assertThat(dcFlags & 6).as("media-only / test-mode").isZero();
        String host = new String(tlBytes(dc), StandardCharsets.UTF_8);
        assertThat((dcFlags & 1) != 0).as("ipv6 flag").isEqualTo(host.contains(":"));
        int port = dc.getInt();
        assertThat(dc.remaining()).isZero();
        if ((flags & 4) != 0) tlBytes(b);
        long userId = 0;
        boolean bot = false;
        if ((flags & 1) != 0) {
            userId = b.getLong();
            int bool = b.getInt();
            assertThat(bool).isIn(0x997275b5, 0xbc799737);
            bot = bool == 0x997275b5;
        }
        byte[] key = tlBytes(b);
        assertThat(b.remaining()).isZero();
        return new Decoded(dcId, host, port, userId, bot, key);
    }

    private static byte[] tlBytes(ByteBuffer b) {
        int first = b.get() & 0xff;
        int len;
        int head;
        if (first == 254) {
            len = (b.get() & 0xff) | (b.get() & 0xff) << 8 | (b.get() & 0xff) << 16;
            head = 4;
        } else {
            len = first;
            head = 1;
        }
        byte[] data = new byte[len];
        b.get(data);
        for (int n = head + len; n % 4 != 0; n++) assertThat(b.get()).as("padding").isZero();
        return data;
    }

    @Test
    void gramjsRoundTripsAndHasTheLibraryLayout() {
        byte[] key = key(1);
        String s = SessionStrings.gramjs(2, "127.0.0.1", 2443, key);
        Decoded d = decodeGramjs(s);
        assertThat(d.dc()).isEqualTo(2);
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(2443);
        assertThat(d.key()).isEqualTo(key);
        byte[] raw = Base64.getDecoder().decode(s.substring(1));
        assertThat(HexFormat.of().formatHex(raw, 0, 14)).isEqualTo("020009" + "3132372e302e302e31" + "098b");
        assertThat(Arrays.copyOfRange(raw, 14, raw.length)).isEqualTo(key);
    }

    @Test
    void gramjsRefusesWhatItWouldMisread() {
        assertThatThrownBy(() -> SessionStrings.gramjs(2, "127.0.0.1", 32768, key(1))).hasMessageContaining("32767");
        assertThatThrownBy(() -> SessionStrings.gramjs(2, "::1", 443, key(1))).hasMessageContaining("4 to 100");
        assertThatThrownBy(() -> SessionStrings.gramjs(2, "a".repeat(101), 443, key(1))).hasMessageContaining("4 to 100");
        assertThatThrownBy(() -> SessionStrings.gramjs(0, "127.0.0.1", 443, key(1))).hasMessageContaining("DC id");
        assertThat(decodeGramjs(SessionStrings.gramjs(4, "tg.example.org", 32767, key(2))).host()).isEqualTo("tg.example.org");
    }

    @Test
    void telethonIpv4AndIpv6() {
        byte[] key = key(3);
        String v4 = SessionStrings.telethon(2, "192.168.1.20", 65000, key);
        assertThat(v4).hasSize(353).endsWith("=");
        byte[] raw = Base64.getUrlDecoder().decode(v4.substring(1));
        assertThat(HexFormat.of().formatHex(raw, 0, 7)).isEqualTo("02" + "c0a80114" + "fde8");
        assertThat(decodeTelethon(v4)).satisfies(d -> {
            assertThat(d.host()).isEqualTo("192.168.1.20");
            assertThat(d.port()).isEqualTo(65000);
            assertThat(d.key()).isEqualTo(key);
        });

        String v6 = SessionStrings.telethon(5, "2001:db8::1", 443, key);
        assertThat(v6).hasSize(369);
        Decoded d6 = decodeTelethon(v6);
        assertThat(d6.dc()).isEqualTo(5);
        assertThat(d6.host()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(d6.port()).isEqualTo(443);
        assertThat(d6.key()).isEqualTo(key);
        assertThat(SessionStrings.ipLiteral("::ffff:10.1.2.3")).hasSize(16);
        assertThatThrownBy(() -> SessionStrings.telethon(2, "localhost", 443, key)).hasMessageContaining("IPv4 or IPv6");
        assertThatThrownBy(() -> SessionStrings.telethon(2, "256.1.1.1", 443, key)).hasMessageContaining("IPv4 or IPv6");
    }

    @Test
    void mtcuteHasTheVersion3Layout() {
        byte[] key = key(5);
        String s = SessionStrings.mtcute(2, "127.0.0.1", 2443, 1_000_001L, false, key);
        byte[] raw = Base64.getUrlDecoder().decode(s);
        String hex = HexFormat.of().formatHex(raw);
        // version 3, flags 1 (self), bytes(19-byte dc option: no padding), user id, boolFalse, bytes(key): 254 00 01 00 + key
        String dcOption = "02" + "02" + "00" + "09" + "3132372e302e302e31" + "0000" + "8b090000";
        assertThat(hex).startsWith("03" + "01000000" + "13" + dcOption
                + "41420f0000000000" + "379779bc" + "fe000100");
        assertThat(Arrays.copyOfRange(raw, raw.length - 256, raw.length)).isEqualTo(key);
        Decoded d = decodeMtcute(s);
        assertThat(d.dc()).isEqualTo(2);
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(2443);
        assertThat(d.userId()).isEqualTo(1_000_001L);
        assertThat(d.bot()).isFalse();
        assertThat(d.key()).isEqualTo(key);

        Decoded v6bot = decodeMtcute(SessionStrings.mtcute(1, "2001:db8::2", 65535, 1L << 40, true, key));
        assertThat(v6bot.host()).isEqualTo("2001:db8::2");
        assertThat(v6bot.port()).isEqualTo(65535);
        assertThat(v6bot.userId()).isEqualTo(1L << 40);
        assertThat(v6bot.bot()).isTrue();
    }

    /**
     * Strings made by the libraries themselves from key(1): gramjs 2.26.22 {@code StringSession.setDC(2, "127.0.0.1",
     * 2443)} + setAuthKey + save(); mtcute 0.30.3 {@code writeStringSession} (self 1000002, a bot; media DC = main);
     * Telethon's save() ({@code struct.pack('>B{}sH256s')} + urlsafe_b64encode, run with CPython's struct/base64).
     */
    @Test
    void sameStringsAsTheLibrariesMake() {
        byte[] key = key(1);
        assertThat(SessionStrings.gramjs(2, "127.0.0.1", 2443, key)).isEqualTo(
                "1AgAJMTI3LjAuMC4xCYsBCA8WHSQrMjlAR05VXGNqcXh/ho2Um6KpsLe+xczT2uHo7/b9BAsSGSAnLjU8Q0pRWF9mbXR7gomQl56"
                + "lrLO6wcjP1t3k6/L5AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK+2vcTL0tng5+71/AMKERgfJi00O0JJUFdeZWxzeoGIj5adpKu"
                + "yucDHztXc4+rx+P8GDRQbIikwNz5FTFNaYWhvdn2Ei5KZoKeutbzDytHY3+bt9PsCCRAXHiUsMzpBSE9WXWRrcnmAh46VnKOqsbi"
                + "/xs3U2+Lp8Pf+BQwTGiEoLzY9REtSWWBnbnV8g4qRmJ+mrbS7wsnQ197l7PP6");
        assertThat(SessionStrings.mtcute(2, "127.0.0.1", 2443, 1_000_002L, true, key)).isEqualTo(
                "AwEAAAATAgIACTEyNy4wLjAuMQAAiwkAAEJCDwAAAAAAtXVymf4AAQABCA8WHSQrMjlAR05VXGNqcXh_ho2Um6KpsLe-xczT2uHo"
                + "7_b9BAsSGSAnLjU8Q0pRWF9mbXR7gomQl56lrLO6wcjP1t3k6_L5AAcOFRwjKjE4P0ZNVFtiaXB3foWMk5qhqK-2vcTL0tng5-71"
                + "_AMKERgfJi00O0JJUFdeZWxzeoGIj5adpKuyucDHztXc4-rx-P8GDRQbIikwNz5FTFNaYWhvdn2Ei5KZoKeutbzDytHY3-bt9PsC"
                + "CRAXHiUsMzpBSE9WXWRrcnmAh46VnKOqsbi_xs3U2-Lp8Pf-BQwTGiEoLzY9REtSWWBnbnV8g4qRmJ-mrbS7wsnQ197l7PP6");
        assertThat(SessionStrings.telethon(2, "127.0.0.1", 2443, key)).isEqualTo(
                "1An8AAAEJiwEIDxYdJCsyOUBHTlVcY2pxeH-GjZSboqmwt77FzNPa4ejv9v0ECxIZICcuNTxDSlFYX2ZtdHuCiZCXnqWss7rByM_"
                + "W3eTr8vkABw4VHCMqMTg_Rk1UW2JpcHd-hYyTmqGor7a9xMvS2eDn7vX8AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dz"
                + "j6vH4_wYNFBsiKTA3PkVMU1phaG92fYSLkpmgp661vMPK0djf5u30-wIJEBceJSwzOkFIT1ZdZGtyeYCHjpWco6qxuL_GzdTb4un"
                + "w9_4FDBMaISgvNj1ES1JZYGdudXyDipGYn6attLvCydDX3uXs8_o=");
        assertThat(SessionStrings.telethon(5, "2001:db8::1", 443, key)).isEqualTo(
                "1BSABDbgAAAAAAAAAAAAAAAEBuwEIDxYdJCsyOUBHTlVcY2pxeH-GjZSboqmwt77FzNPa4ejv9v0ECxIZICcuNTxDSlFYX2ZtdHu"
                + "CiZCXnqWss7rByM_W3eTr8vkABw4VHCMqMTg_Rk1UW2JpcHd-hYyTmqGor7a9xMvS2eDn7vX8AwoRGB8mLTQ7QklQV15lbHN6gYi"
                + "Plp2kq7K5wMfO1dzj6vH4_wYNFBsiKTA3PkVMU1phaG92fYSLkpmgp661vMPK0djf5u30-wIJEBceJSwzOkFIT1ZdZGtyeYCHjpW"
                + "co6qxuL_GzdTb4unw9_4FDBMaISgvNj1ES1JZYGdudXyDipGYn6attLvCydDX3uXs8_o=");
    }
}
