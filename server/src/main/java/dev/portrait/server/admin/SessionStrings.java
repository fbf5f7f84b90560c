package dev.portrait.server.admin;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The session strings of the client libraries, so that `portrait session new` can hand a signed-in auth key to a bot
 * or script: each says which DC to connect to (id, address, port) and carries the 256-byte key. The layouts follow the
 * libraries' own code; a string a library cannot read is refused here with a reason, never produced.
 */
public final class SessionStrings {
    /** The formats `session new --format` and the inspector's API take. */
    public enum Format { gramjs, telethon, mtcute }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private SessionStrings() {
    }

    /**
     * gramjs (npm telegram, sessions/StringSession.js): "1" + base64(u8 dc_id | int16 BE length of the address |
     * address as ASCII | int16 BE port | key). gramjs reads the port as a signed int16 and save() throws above 32767;
     * an address of 1-3 characters makes the string as long as a Telethon one (read as such) and one over 100
     * characters is read as a packed IPv6 address, so both are refused.
     */
    public static String gramjs(int dcId, String host, int port, byte[] key) {
        checkDc(dcId);
        checkKey(key);
        byte[] address = host.getBytes(StandardCharsets.US_ASCII);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(host) || address.length < 4 || address.length > 100)
            throw new IllegalArgumentException("gramjs sessions need an ASCII address of 4 to 100 characters, not '" + host + "'");
        if (port < 1 || port > 32767)
            throw new IllegalArgumentException("gramjs sessions store the port as a signed 16-bit number: use a port of at most 32767, not " + port);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(dcId);
        int16be(b, address.length);
        b.writeBytes(address);
        int16be(b, port);
        b.writeBytes(key);
        return "1" + Base64.getEncoder().encodeToString(b.toByteArray());
    }

    /**
     * Telethon (telethon/sessions/string.py): "1" + urlsafe base64 with padding of struct '>B{4|16}sH256s' = dc_id,
     * the packed IPv4 or IPv6 address, port (unsigned 16 bits), key. Telethon tells the two apart by the length (353
     * characters for IPv4), so only IP literals fit, no host names.
     */
    public static String telethon(int dcId, String host, int port, byte[] key) {
        checkDc(dcId);
        checkKey(key);
        byte[] ip = ipLiteral(host);
        if (ip == null) throw new IllegalArgumentException("telethon sessions need an IPv4 or IPv6 address, not '" + host + "'");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(dcId);
        b.writeBytes(ip);
        int16be(b, port);
        b.writeBytes(key);
        return "1" + Base64.getUrlEncoder().encodeToString(b.toByteArray());
    }

    /**
     * mtcute version 3 (@mtcute/core, highlevel/utils/string-session.js writeStringSession and utils/dcs.js
     * serializeBasicDcOption), base64url without padding of:
     * <pre>
     * u8 3 (version) | int32 LE flags (1 = self follows; 4 = a separate media DC follows: never here)
     * | TL bytes(dc option: u8 2 (version) | u8 dc_id | u8 flags (1 = ipv6) | TL string address | int32 LE port)
     * | int53 LE user id | Bool is_bot (boolTrue 0x997275b5 / boolFalse 0xbc799737, LE)
     * | TL bytes(key)
     * </pre>
     * The DC is not marked test mode, so clients in either mode accept it.
     */
    public static String mtcute(int dcId, String host, int port, long userId, boolean bot, byte[] key) {
        checkDc(dcId);
        checkKey(key);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        if (userId <= 0 || userId >= 1L << 53) throw new IllegalArgumentException("mtcute stores user ids below 2^53, not " + userId);
        ByteArrayOutputStream dc = new ByteArrayOutputStream();
        dc.write(2);
        dc.write(dcId);
        dc.write(host.indexOf(':') >= 0 ? 1 : 0);
        tlBytes(dc, host.getBytes(StandardCharsets.UTF_8));
        int32le(dc, port);

        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(3);
        int32le(b, 1);
        tlBytes(b, dc.toByteArray());
        int32le(b, (int) userId);
        int32le(b, (int) (userId >>> 32));
        int32le(b, bot ? 0x997275b5 : 0xbc799737);
        tlBytes(b, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toByteArray());
    }

    public static String encode(Format format, int dcId, String host, int port, long userId, boolean bot, byte[] key) {
        return switch (format) {
            case gramjs -> gramjs(dcId, host, port, key);
            case telethon -> telethon(dcId, host, port, key);
            case mtcute -> mtcute(dcId, host, port, userId, bot, key);
        };
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or null for anything else (host names are not looked up). */
    public static byte[] ipLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] ip = new byte[4];
            for (int i = 0; i < 4; i++) ip[i] = (byte) Integer.parseInt(parts[i]);
            return ip;
        }
        if (host.indexOf(':') < 0 || !host.matches("[0-9A-Fa-f:.]+")) return null;
        try {
            InetAddress a = InetAddress.getByName(host); // an IPv6 literal: parsed, never looked up
            byte[] ip = a.getAddress();
            if (a instanceof Inet4Address) { // ::ffff:a.b.c.d, which Java turns into IPv4
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(ip, 0, mapped, 12, 4);
                return mapped;
            }
            return ip;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void checkDc(int dcId) {
        if (dcId < 1 || dcId > 255) throw new IllegalArgumentException("the DC id must be 1 to 255, not " + dcId);
    }

    private static void checkKey(byte[] key) {
        if (key.length != 256) throw new IllegalArgumentException("an auth key has 256 bytes, not " + key.length);
    }

    private static void int16be(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    private static void int32le(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >>> 8);
        b.write(v >>> 16);
        b.write(v >>> 24);
    }

    /** TL bytes: a 1-byte length (or 254 and a 3-byte LE length), the data, zeros up to a multiple of 4. */
    private static void tlBytes(ByteArrayOutputStream b, byte[] data) {
        int head;
        if (data.length <= 253) {
            b.write(data.length);
            head = 1;
        } else {
            b.write(254);
            b.write(data.length);
            b.write(data.length >>> 8);
            b.write(data.length >>> 16);
            head = 4;
        }
        b.writeBytes(data);
        for (int n = head + data.length; n % 4 != 0; n++) b.write(0);
    }
}
