package dev.portrait.tl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads TL from a byte array. Every length and count is checked against the bytes that remain before anything is
 * allocated, so memory stays bounded by the input; nesting depth and gzip expansion are capped. All failures are
 * {@link TlException}.
 */
public final class TlReader {
    public static final int VECTOR = 0x1cb5c415;
    public static final int GZIP_PACKED = 0x3072cfa1;
    public static final int BOOL_TRUE = 0x997275b5;
    public static final int BOOL_FALSE = 0xbc799737;

    /** Default cap on nested objects; Telegram's deepest real objects are far below this. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Default cap on what gzip_packed may expand to, nested ones included. */
    public static final int DEFAULT_MAX_INFLATED = 16 << 20;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final String[] ASCII = new String[128];

    static {
        for (int i = 0; i < ASCII.length; i++) ASCII[i] = String.valueOf((char) i);
    }

    private final byte[] buf;
    private final int limit;
    private final int maxDepth;
    private final int maxInflated;
    private int pos;
    private int depth;
    /** Padding after the body of the string/bytes value whose prefix was read last. */
    private int padding;

    @FunctionalInterface
    public interface ElementReader<T> {
        T read(TlReader in);
    }

    public TlReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlReader(byte[] buf, int offset, int length) {
        this(buf, offset, length, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INFLATED, 0);
    }

    public TlReader(byte[] buf, int offset, int length, int maxDepth, int maxInflated) {
        this(buf, offset, length, maxDepth, maxInflated, 0);
    }

    private TlReader(byte[] buf, int offset, int length, int maxDepth, int maxInflated, int depth) {
        if (offset < 0 || length < 0 || offset > buf.length - length) throw new IndexOutOfBoundsException();
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        this.maxDepth = maxDepth;
        this.maxInflated = maxInflated;
        this.depth = depth;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    private void need(int n) {
        if (limit - pos < n) throw new TlException("truncated: need " + n + " bytes at offset " + pos + ", have " + (limit - pos));
    }

    public int readInt() {
        need(4);
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    /** Reads an int without consuming it. */
    public int peekInt() {
        need(4);
        return (int) INT.get(buf, pos);
    }

    public long readLong() {
        need(8);
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBool() {
        int id = readInt();
        if (id == BOOL_TRUE) return true;
        if (id == BOOL_FALSE) return false;
        if (id == GZIP_PACKED) return gzipped().readBool();
        throw unknownConstructor(id, "Bool");
    }

    public Int128 readInt128() {
        need(16);
        return new Int128(readLong(), readLong());
    }

    public Int256 readInt256() {
        need(32);
        return new Int256(readLong(), readLong(), readLong(), readLong());
    }

    public void readRaw(byte[] dst, int off, int len) {
        need(len);
        System.arraycopy(buf, pos, dst, off, len);
        pos += len;
    }

    public byte[] readRaw(int len) {
        if (len < 0) throw new TlException("negative length " + len);
        need(len);
        byte[] out = new byte[len];
        readRaw(out, 0, len);
        return out;
    }

    /** Reads the length prefix of a string/bytes value, checks the padded body is present, returns its length. */
    private int readLengthPrefix() {
        need(1);
        int first = buf[pos] & 0xff;
        int len;
        int header;
        if (first < 254) {
            len = first;
            header = 1;
        } else if (first == 254) {
            need(4);
            len = (buf[pos + 1] & 0xff) | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff) << 16;
            header = 4;
        } else {
            throw new TlException("invalid string length prefix 0xff at offset " + pos);
        }
        int total = (header + len + 3) & ~3;
        need(total);
        pos += header;
        padding = total - header - len;
        return len;
    }

    public byte[] readBytes() {
        int len = readLengthPrefix();
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len + padding;
        return out;
    }

    public String readString() {
        int len = readLengthPrefix();
        // one-letter ASCII strings (photo size types 'a', 'b', 'c', 'i', ...) are shared instead of allocated
        String s = len == 1 && buf[pos] >= 0 ? ASCII[buf[pos]] : new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len + padding;
        return s;
    }

    /** Reads a vector's header (boxed or bare) and checks the count against the bytes left. */
    private int readCount(boolean boxed, int minElementSize) {
        if (boxed) {
            int id = readInt();
            if (id != VECTOR) throw unknownConstructor(id, "Vector");
        }
        int n = readInt();
        // Even elements without fields count one byte here, so no count can make the loop outrun the input.
        if (n < 0 || (long) n * Math.max(1, minElementSize) > remaining())
            throw new TlException("vector of " + n + " elements cannot fit in " + remaining() + " bytes");
        return n;
    }

    /** Reads a boxed vector's id and count (generated code loops over the elements itself). */
    public int readVectorHeader(int minElementSize) {
        return readCount(true, minElementSize);
    }

    public <T> List<T> readVector(ElementReader<T> element) {
        if (peekInt() == GZIP_PACKED) {
            pos += 4;
            return gzipped().readVector(element);
        }
        return readElements(readCount(true, 4), element);
    }

    public <T> List<T> readBareVector(ElementReader<T> element) {
        return readElements(readCount(false, 0), element);
    }

    private <T> List<T> readElements(int n, ElementReader<T> element) {
        // A bare vector of empty elements could claim any count: still bounded by the depth-free loop over input.
        ArrayList<T> list = new ArrayList<>(Math.min(n, remaining() + 1));
        for (int i = 0; i < n; i++) list.add(element.read(this));
        return list;
    }

    public List<Integer> readIntVector() {
        if (peekInt() == GZIP_PACKED) {
            pos += 4;
            return gzipped().readIntVector();
        }
        int n = readCount(true, 4);
        ArrayList<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readInt());
        return list;
    }

    public List<Long> readLongVector() {
        if (peekInt() == GZIP_PACKED) {
            pos += 4;
            return gzipped().readLongVector();
        }
        int n = readCount(true, 8);
        ArrayList<Long> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) list.add(readLong());
        return list;
    }

    /** Called when entering a nested object; fails past the depth limit instead of overflowing the stack. */
    public void enter() {
        if (++depth > maxDepth) throw new TlException("objects nested deeper than " + maxDepth);
    }

    public void leave() {
        depth--;
    }

    /**
     * Reads a gzip_packed body (the constructor id already consumed) and returns a reader over what it expands to.
     * mtcute packs with zlib's deflate (a 0x78 header) rather than gzip; Telegram takes both, so we do too.
     */
    public TlReader gzipped() {
        byte[] packed = readBytes();
        byte[] data;
        boolean gzip = packed.length >= 2 && (packed[0] & 0xff) == 0x1f && (packed[1] & 0xff) == 0x8b;
        try (InputStream in = gzip
                ? new GZIPInputStream(new ByteArrayInputStream(packed), 8192)
                : new InflaterInputStream(new ByteArrayInputStream(packed), new Inflater(), 8192)) {
            data = in.readNBytes(maxInflated + 1);
        } catch (IOException | RuntimeException e) {
            throw new TlException("bad gzip_packed data: " + e.getMessage(), e);
        }
        if (data.length > maxInflated) throw new TlException("gzip_packed expands beyond " + maxInflated + " bytes");
        // gzip inside gzip draws on what is left of the same budget, so nesting cannot multiply memory.
        return new TlReader(data, 0, data.length, maxDepth, maxInflated - data.length, depth);
    }

    public TlException unknownConstructor(int id, String type) {
        return new TlException(String.format("unknown constructor 0x%08x for %s at offset %d", id, type, pos - 4));
    }
}
