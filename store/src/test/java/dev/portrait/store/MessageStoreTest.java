package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@OnEveryEngine
class MessageStoreTest {
    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    @Test
    void eachBoxNumbersItsOwnMessagesAndDeletionUnlinksThePeerCopy() {
        try (Store store = engine.open(dir)) {
            MessageStore m = store.messages();
            List<MessageRecord> first = m.sendService(1, 2, MessageRecord.SUGGEST_PROFILE_PHOTO, 77L, 1000);
            List<MessageRecord> second = m.sendService(1, 3, MessageRecord.SUGGEST_PROFILE_PHOTO, null, 1001);
            List<MessageRecord> third = m.sendService(2, 1, MessageRecord.SUGGEST_PROFILE_PHOTO, 78L, 1002);
            // ids are per box: 1 has 1, 2, 3; 2 has 1, 2; 3 has 1
            assertThat(first).extracting(MessageRecord::id).containsExactly(1, 1);
            assertThat(second).extracting(MessageRecord::id).containsExactly(2, 1);
            assertThat(third).extracting(MessageRecord::id).containsExactly(2, 3);
            assertThat(first.get(0).out()).isTrue();
            assertThat(first.get(1).out()).isFalse();
            assertThat(first.get(1).peerMsgId()).isEqualTo(first.get(0).id());

            assertThat(m.chat(1, 2, 0, 0)).extracting(MessageRecord::id).containsExactly(3, 1);
            assertThat(m.chat(1, 2, 3, 0)).extracting(MessageRecord::id).containsExactly(1);
            assertThat(m.chat(1, 2, 0, 1)).extracting(MessageRecord::id).containsExactly(3);
            assertThat(m.find(1, List.of(1, 2, 99))).extracting(MessageRecord::peerId).containsExactly(2L, 3L);
            assertThat(m.referencesPhoto(77)).isTrue();

            m.delete(1, List.of(1));
            assertThat(m.chat(1, 2, 0, 0)).extracting(MessageRecord::id).containsExactly(3);
            MessageRecord peerCopy = m.find(2, List.of(1)).getFirst();
            assertThat(peerCopy.peerMsgId()).isZero();
            assertThat(m.referencesPhoto(77)).isTrue();
            m.delete(2, List.of(1));
            assertThat(m.referencesPhoto(77)).isFalse();
            // a deleted id is never reused
            assertThat(m.sendService(1, 2, MessageRecord.SUGGEST_PROFILE_PHOTO, null, 1003).getFirst().id()).isEqualTo(4);
        }
    }
}
