package dev.portrait.tl;

import dev.portrait.tl.api.*;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bytesArePaddedToFourWithShortAndLongLengthForms() {
        for (int len = 0; len < 1100; len++) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) data[i] = (byte) (i * 7);
            TlWriter w = new TlWriter();
            w.writeBytes(data);
            int header = len < 254 ? 1 : 4;
            assertThat(w.size()).isEqualTo((header + len + 3) / 4 * 4);
            assertThat(w.size() % 4).isZero();
            if (len >= 254) assertThat(w.array()[0] & 0xff).isEqualTo(254);
            TlReader r = new TlReader(w.toByteArray());
            assertThat(r.readBytes()).isEqualTo(data);
            assertThat(r.remaining()).isZero();
        }
    }

    @Test
    void stringsAreUtf8() {
        for (String s : List.of("", "a", "Жанна 🙂", "x".repeat(253), "é".repeat(127), "🙂".repeat(70), "\u0000\uFFFF",
                "漢".repeat(84), "漢".repeat(85), "x".repeat(254), "é".repeat(254), "🙂".repeat(42), "a\uD800".repeat(200))) {
            TlWriter w = new TlWriter();
            w.writeString(s);
            TlWriter ref = new TlWriter();
            ref.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (s.contains("\uD800")) {
                assertThat(new TlReader(w.toByteArray()).readString()).isEqualTo(s.replace('\uD800', '?'));
                continue;
            }
            assertThat(w.toByteArray()).isEqualTo(ref.toByteArray());
            assertThat(new TlReader(w.toByteArray()).readString()).isEqualTo(s);
        }
        TlWriter w = new TlWriter();
        w.writeString("a\uD800b");
        assertThat(new TlReader(w.toByteArray()).readString()).isEqualTo("a?b");
    }

    @Test
    void numbersAreLittleEndian() {
        TlWriter w = new TlWriter();
        w.writeInt(0x01020304);
        w.writeLong(0x0102030405060708L);
        w.writeDouble(1.5);
        assertThat(HEX.formatHex(w.toByteArray())).isEqualTo("04030201" + "0807060504030201" + "000000000000f83f");
    }

    @Test
    void photoSizeHasTheDocumentedBytes() {
        byte[] b = new PhotoSize("a", 160, 160, 12345).toByteArray();
        assertThat(HEX.formatHex(b)).isEqualTo("608ec775" + "01610000" + "a0000000" + "a0000000" + "39300000");
        assertThat(TypePhotoSize.read(new TlReader(b))).isEqualTo(new PhotoSize("a", 160, 160, 12345));
    }

    @Test
    void flagsAreComputedFromPresentFields() {
        UserProfilePhoto p = new UserProfilePhoto(true, false, 42L, new byte[]{1, 2, 3}, 2);
        TlReader r = new TlReader(p.toByteArray());
        assertThat(r.readInt()).isEqualTo(UserProfilePhoto.CONSTRUCTOR_ID);
        assertThat(r.readInt()).isEqualTo(0b011);
        UserProfilePhoto none = new UserProfilePhoto(false, true, 42L, null, 2);
        r = new TlReader(none.toByteArray());
        r.readInt();
        assertThat(r.readInt()).isEqualTo(0b100);
    }

    @Test
    void methodsKnowTheirResults() {
        PhotosDeletePhotos del = new PhotosDeletePhotos(List.of(new InputPhoto(1, 2, new byte[0])));
        TlWriter w = new TlWriter();
        del.writeResult(w, List.of(5L, -6L));
        assertThat(del.readResult(new TlReader(w.toByteArray()))).containsExactly(5L, -6L);
        UploadSaveFilePart part = new UploadSaveFilePart(1, 0, new byte[1024]);
        w.reset();
        part.writeResult(w, true);
        assertThat(part.readResult(new TlReader(w.toByteArray()))).isTrue();
        InvokeWithLayer invoke = new InvokeWithLayer(198, new HelpGetNearestDc());
        w.reset();
        new NearestDc("XX", 2, 2).write(w);
        assertThat(invoke.readResult(new TlReader(w.toByteArray()))).isEqualTo(new NearestDc("XX", 2, 2));
        TlObject read = ApiRegistry.readObject(new TlReader(invoke.toByteArray()));
        assertThat(read).isEqualTo(invoke);
    }

    @Test
    void gzipPackedIsUnpackedTransparently() throws Exception {
        PhotosPhoto photo = new PhotosPhoto(new PhotoEmpty(7), List.of(new UserEmpty(9)));
        TlWriter w = new TlWriter();
        w.writeInt(TlReader.GZIP_PACKED);
        w.writeBytes(gzip(photo.toByteArray()));
        assertThat(TypePhotosPhoto.read(new TlReader(w.toByteArray()))).isEqualTo(photo);
        assertThat(ApiRegistry.readObject(new TlReader(w.toByteArray()))).isEqualTo(photo);
        // a vector result packed whole
        TlWriter v = new TlWriter();
        v.writeLongVector(List.of(1L, 2L));
        TlWriter packed = new TlWriter();
        packed.writeInt(TlReader.GZIP_PACKED);
        packed.writeBytes(gzip(v.toByteArray()));
        assertThat(new TlReader(packed.toByteArray()).readLongVector()).containsExactly(1L, 2L);
    }

    @Test
    void zlibPackedAsMtcuteSendsItIsUnpackedToo() throws Exception {
        PhotosPhoto photo = new PhotosPhoto(new PhotoEmpty(7), List.of(new UserEmpty(9)));
        TlWriter w = new TlWriter();
        w.writeInt(TlReader.GZIP_PACKED);
        w.writeBytes(zlib(photo.toByteArray()));
        assertThat(ApiRegistry.readObject(new TlReader(w.toByteArray()))).isEqualTo(photo);
        TlWriter bomb = new TlWriter();
        bomb.writeInt(TlReader.GZIP_PACKED);
        bomb.writeBytes(zlib(new byte[20 << 20]));
        assertThatThrownBy(() -> ApiRegistry.readObject(new TlReader(bomb.toByteArray())))
                .isInstanceOf(TlException.class).hasMessageContaining("expands beyond");
    }

    @Test
    void gzipBombsAndBrokenGzipFail() throws Exception {
        TlWriter w = new TlWriter();
        w.writeInt(TlReader.GZIP_PACKED);
        w.writeBytes(gzip(new byte[20 << 20]));
        assertThatThrownBy(() -> ApiRegistry.readObject(new TlReader(w.toByteArray())))
                .isInstanceOf(TlException.class).hasMessageContaining("expands beyond");
        TlWriter broken = new TlWriter();
        broken.writeInt(TlReader.GZIP_PACKED);
        broken.writeBytes(new byte[]{1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ApiRegistry.readObject(new TlReader(broken.toByteArray()))).isInstanceOf(TlException.class);
    }

    @Test
    void nestedGzipSharesOneBudget() throws Exception {
        // 8 MB of zeros inside gzip inside gzip: each level alone is under 16 MB, together they are not
        TlWriter inner = new TlWriter();
        inner.writeInt(TlReader.GZIP_PACKED);
        inner.writeBytes(gzip(new byte[9 << 20]));
        TlWriter outer = new TlWriter();
        outer.writeInt(TlReader.GZIP_PACKED);
        byte[] innerBytes = inner.toByteArray();
        byte[] padded = java.util.Arrays.copyOf(innerBytes, 9 << 20);
        outer.writeBytes(gzip(padded));
        assertThatThrownBy(() -> ApiRegistry.readObject(new TlReader(outer.toByteArray())))
                .isInstanceOf(TlException.class).hasMessageContaining("expands beyond");
    }

    @Test
    void absurdLengthsFailFastWithoutAllocating() {
        // bytes claiming 16 MB in an 8-byte buffer
        byte[] huge = {(byte) 254, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0};
        assertThatThrownBy(() -> new TlReader(huge).readBytes()).isInstanceOf(TlException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> new TlReader(new byte[]{(byte) 255, 0, 0, 0}).readBytes()).isInstanceOf(TlException.class);
        // a vector claiming two billion elements
        TlWriter w = new TlWriter();
        w.writeInt(TlReader.VECTOR);
        w.writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new TlReader(w.toByteArray()).readLongVector()).isInstanceOf(TlException.class).hasMessageContaining("cannot fit");
        TlWriter neg = new TlWriter();
        neg.writeInt(TlReader.VECTOR);
        neg.writeInt(-1);
        assertThatThrownBy(() -> new TlReader(neg.toByteArray()).readVector(TypeUser::read)).isInstanceOf(TlException.class);
    }

    @Test
    void unknownConstructorsAndTruncationFail() {
        assertThatThrownBy(() -> TypeUser.read(new TlReader(new byte[]{1, 2, 3, 4}))).isInstanceOf(TlException.class)
                .hasMessageContaining("unknown constructor 0x04030201 for User");
        byte[] photo = new PhotosPhoto(new PhotoEmpty(7), List.of(new UserEmpty(9))).toByteArray();
        for (int cut = 0; cut < photo.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(photo, cut);
            assertThatThrownBy(() -> TypePhotosPhoto.read(new TlReader(part))).isInstanceOf(TlException.class);
        }
    }

    @Test
    void nestingDepthIsBounded() {
        // jsonArray inside jsonArray, 10000 deep: must not overflow the stack
        TlWriter w = new TlWriter();
        for (int i = 0; i < 10000; i++) {
            w.writeInt(JsonArray.CONSTRUCTOR_ID);
            w.writeInt(TlReader.VECTOR);
            w.writeInt(1);
        }
        w.writeInt(JsonNull.CONSTRUCTOR_ID);
        assertThatThrownBy(() -> TypeJSONValue.read(new TlReader(w.toByteArray()))).isInstanceOf(TlException.class)
                .hasMessageContaining("nested deeper");
        // within the limit it works
        TypeJSONValue v = new JsonNull();
        for (int i = 0; i < 30; i++) v = new JsonArray(new ArrayList<>(List.of(v)));
        assertThat(TypeJSONValue.read(new TlReader(v.toByteArray()))).isEqualTo(v);
    }

    @Test
    void jsonRoundTrip() {
        PhotosPhoto photo = new PhotosPhoto(new Photo(false, -5, 6, new byte[]{1, (byte) 0xff}, 1700000000,
                List.of(new PhotoStrippedSize("i", new byte[]{1, 2}), new PhotoSize("a", 160, 160, 1000)), null, 2),
                List.of(new UserEmpty(1)));
        String json = TlJson.toJsonString(photo);
        assertThat(json).isEqualTo("{\"_\":\"photos.photo\",\"photo\":{\"_\":\"photo\",\"id\":\"-5\",\"access_hash\":\"6\","
                + "\"file_reference\":\"01ff\",\"date\":1700000000,\"sizes\":[{\"_\":\"photoStrippedSize\",\"type\":\"i\",\"bytes\":\"0102\"},"
                + "{\"_\":\"photoSize\",\"type\":\"a\",\"w\":160,\"h\":160,\"size\":1000}],\"dc_id\":2},\"users\":[{\"_\":\"userEmpty\",\"id\":\"1\"}]}");
        assertThat(TlJson.fromJsonString(json)).isEqualTo(photo);
    }

    private static byte[] zlib(byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(bos)) {
            z.write(data);
        }
        return bos.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }
}
