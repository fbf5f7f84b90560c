package dev.portrait.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Writes TL into a growable byte array, reusable with {@link #reset()}. Carries the layer of the peer it writes for:
 * generated classes whose constructor changed between layers consult it to pick the id and fields that layer knows.
 */
public final class TlWriter {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;
    private int layer = TlLayers.LATEST;
    /** The object being written that older layers' forms of its contents refer to (see {@link #enclosing(TlObject)}). */
    private TlObject enclosing;

    @FunctionalInterface
    public interface ElementWriter<T> {
        void write(TlWriter out, T value);
    }

    public TlWriter() {
        this(256);
    }

    public TlWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** The schema layer objects are written in (see {@link TlLayers#schemaLayerFor}). */
    public int layer() {
        return layer;
    }

    public TlWriter layer(int schemaLayer) {
        this.layer = schemaLayer;
        return this;
    }

    /**
     * Makes {@code o} the enclosing object and returns the previous one, to be restored after {@code o} is written.
     * Generated code does this for the constructors named by the generator's {@code --enclosing}: in layers before
     * 128 a photo size's location is addressed by its photo's id.
     */
    public TlObject enclosing(TlObject o) {
        TlObject outer = enclosing;
        enclosing = o;
        return outer;
    }

    /** The object currently enclosing what is being written, or null. */
    public TlObject enclosing() {
        return enclosing;
    }

    public int size() {
        return pos;
    }

    public TlWriter reset() {
        pos = 0;
        enclosing = null;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The internal buffer; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    private void ensure(int n) {
        if (buf.length - pos < n) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    public void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    public void writeBool(boolean v) {
        writeInt(v ? TlReader.BOOL_TRUE : TlReader.BOOL_FALSE);
    }

    public void writeInt128(Int128 v) {
        writeLong(v.lo());
        writeLong(v.hi());
    }

    public void writeInt256(Int256 v) {
        writeLong(v.a());
        writeLong(v.b());
        writeLong(v.c());
        writeLong(v.d());
    }

    public void writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    public void writeRaw(byte[] b) {
        writeRaw(b, 0, b.length);
    }

    private void writeLengthPrefix(int len) {
        if (len < 254) {
            ensure(len + 4);
            buf[pos++] = (byte) len;
        } else if (len <= 0xffffff) {
            ensure(len + 8);
            buf[pos] = (byte) 254;
            buf[pos + 1] = (byte) len;
            buf[pos + 2] = (byte) (len >> 8);
            buf[pos + 3] = (byte) (len >> 16);
            pos += 4;
        } else {
            throw new TlException("string or bytes of " + len + " bytes exceeds TL's 16 MB limit");
        }
    }

    private void pad(int len) {
        int header = len < 254 ? 1 : 4;
        int p = (4 - ((header + len) & 3)) & 3;
        for (int i = 0; i < p; i++) buf[pos++] = 0;
    }

    public void writeBytes(byte[] b) {
        writeLengthPrefix(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        pad(b.length);
    }

    /**
     * Writes a string as UTF-8 straight into the buffer (no intermediate byte array), in one pass when the length
     * prefix's size is known from the char count alone (under 85 chars: under 254 bytes; 254 chars or more: at least
     * 254 bytes).
     */
    public void writeString(String s) {
        int n = s.length();
        if (n < 85) {
            ensure(3 * n + 4);
            int start = pos++;
            encodeUtf8(s, n);
            int len = pos - start - 1;
            buf[start] = (byte) len;
            pad(len);
        } else if (n >= 254) {
            if ((long) 3 * n + 8 > Integer.MAX_VALUE) throw new TlException("string too long for TL");
            ensure(3 * n + 8);
            int start = pos;
            pos += 4;
            encodeUtf8(s, n);
            int len = pos - start - 4;
            if (len > 0xffffff) throw new TlException("string of " + len + " bytes exceeds TL's 16 MB limit");
            buf[start] = (byte) 254;
            buf[start + 1] = (byte) len;
            buf[start + 2] = (byte) (len >> 8);
            buf[start + 3] = (byte) (len >> 16);
            pad(len);
        } else {
            int len = utf8Length(s, n);
            writeLengthPrefix(len);
            encodeUtf8(s, n);
            pad(len);
        }
    }

    private static int utf8Length(String s, int n) {
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) {
                len += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 2; // 4 bytes for 2 chars
                i++;
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate is written as '?', as String.getBytes does
            } else {
                len += 2;
            }
        }
        return len;
    }

    private void encodeUtf8(String s, int n) {
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?';
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        pos = p;
    }

    public void writeObject(TlObject o) {
        o.write(this);
    }

    public void writeBareObject(TlObject o) {
        o.writeBare(this);
    }

    public <T> void writeVector(List<T> list, ElementWriter<T> element) {
        writeInt(TlReader.VECTOR);
        writeBareVector(list, element);
    }

    public <T> void writeBareVector(List<T> list, ElementWriter<T> element) {
        int n = list.size();
        writeInt(n);
        for (int i = 0; i < n; i++) element.write(this, list.get(i));
    }

    public void writeIntVector(List<Integer> list) {
        int n = list.size();
        writeInt(TlReader.VECTOR);
        writeInt(n);
        for (int i = 0; i < n; i++) writeInt(list.get(i));
    }

    public void writeLongVector(List<Long> list) {
        int n = list.size();
        writeInt(TlReader.VECTOR);
        writeInt(n);
        for (int i = 0; i < n; i++) writeLong(list.get(i));
    }

    /** An empty boxed vector, written where an older layer requires a field the newest one dropped. */
    public void writeEmptyVector() {
        writeInt(TlReader.VECTOR);
        writeInt(0);
    }
}
