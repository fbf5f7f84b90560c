package dev.portrait.tl.compiler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlParserTest {
    @Test
    void readsSectionsCommentsFlagsAndGenerics() {
        TlSchema s = TlParser.parse("""
                // a comment
                int ? = Int;
                vector#1cb5c415 {t:Type} # [ t ] = Vector t;
                int128 4*[ int ] = Int128;
                ---types---
                userProfilePhoto#82d1f706 flags:# has_video:flags.0?true personal:flags.2?true photo_id:long stripped_thumb:flags.1?bytes dc_id:int = UserProfilePhoto;
                future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
                msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;
                storage.fileJpeg#7efe0e = storage.FileType;
                ---functions---
                invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
                photos.deletePhotos#87cf7f2f id:Vector<InputPhoto> = Vector<long>;
                """, "test.tl");
        assertThat(s.constructors()).hasSize(4);
        assertThat(s.functions()).hasSize(2);
        TlCombinator photo = s.byName().get("userProfilePhoto");
        assertThat(photo.args()).hasSize(6);
        assertThat(photo.arg("stripped_thumb").flagsField()).isEqualTo("flags");
        assertThat(photo.arg("stripped_thumb").flagBit()).isEqualTo(1);
        assertThat(photo.arg("has_video").isFlagTrue()).isTrue();
        assertThat(photo.id()).isEqualTo(photo.computedId());
        TlCombinator salts = s.byName().get("future_salts");
        assertThat(salts.arg("salts").type().bare()).isTrue();
        assertThat(salts.arg("salts").type().param().name()).isEqualTo("future_salt");
        assertThat(s.byName().get("msg_container").arg("messages").type().param().bare()).isTrue();
        assertThat(s.byName().get("storage.fileJpeg").id()).isEqualTo(0x007efe0e);
        TlCombinator invoke = s.byName().get("invokeWithLayer");
        assertThat(invoke.typeParams()).containsExactly("X");
        assertThat(invoke.arg("query").type().generic()).isTrue();
        assertThat(invoke.id()).isEqualTo(invoke.computedId());
        TlCombinator delete = s.byName().get("photos.deletePhotos");
        assertThat(delete.result().isVector()).isTrue();
        assertThat(delete.result().param().name()).isEqualTo("long");
        assertThat(delete.id()).isEqualTo(0x87cf7f2f).isEqualTo(delete.computedId());
    }

    @Test
    void secondFlagsWord() {
        TlCombinator c = TlParser.parse("x#1 flags:# a:flags.0?true flags2:# b:flags2.3?string = X;", "t").combinators().get(0);
        assertThat(c.arg("b").flagsField()).isEqualTo("flags2");
        assertThat(c.arg("b").flagBit()).isEqualTo(3);
    }

    @Test
    void rejectsBrokenLines() {
        assertThatThrownBy(() -> TlParser.parse("x#1 a:int = X", "t")).hasMessageContaining("';'");
        assertThatThrownBy(() -> TlParser.parse("x#1 a:flags.0?int = X;", "t")).hasMessageContaining("flags word");
        assertThatThrownBy(() -> TlParser.parse("x#1 q:!Y = X;", "t")).hasMessageContaining("type parameter");
        assertThatThrownBy(() -> TlParser.parse("---what---", "t")).hasMessageContaining("section");
    }

    @Test
    void namesFollowJavaRules() {
        assertThat(JavaNames.className("photos.photo")).isEqualTo("PhotosPhoto");
        assertThat(JavaNames.className("p_q_inner_data_dc")).isEqualTo("PQInnerDataDc");
        assertThat(JavaNames.typeName("Server_DH_Params")).isEqualTo("TypeServerDHParams");
        assertThat(JavaNames.fieldName("access_hash")).isEqualTo("accessHash");
        assertThat(JavaNames.fieldName("default")).isEqualTo("default_");
        assertThat(JavaNames.fieldName("hash")).isEqualTo("hash");
    }
}
