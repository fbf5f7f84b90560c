package dev.portrait.server.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MsgIdWindowTest {
    static final long NOW = 1_700_000_000L;

    static long id(long secondsFromNow, int n) {
        return ((NOW + secondsFromNow) << 32) | ((long) n << 2);
    }

    @Test
    void timeWindowAndLowBits() {
        assertThat(MsgIdWindow.checkTime(id(0, 1), NOW)).isZero();
        assertThat(MsgIdWindow.checkTime(id(-301, 1), NOW)).isEqualTo(MsgIdWindow.TOO_LOW);
        assertThat(MsgIdWindow.checkTime(id(-299, 1), NOW)).isZero();
        assertThat(MsgIdWindow.checkTime(id(31, 1), NOW)).isEqualTo(MsgIdWindow.TOO_HIGH);
        assertThat(MsgIdWindow.checkTime(id(0, 1) | 1, NOW)).isEqualTo(MsgIdWindow.BAD_LOW_BITS);
        assertThat(MsgIdWindow.checkTime(id(0, 1) | 2, NOW)).isEqualTo(MsgIdWindow.BAD_LOW_BITS);
    }

    @Test
    void duplicatesAndSeqnoParity() {
        MsgIdWindow w = new MsgIdWindow(8);
        assertThat(w.accept(id(0, 1), 1, true, NOW)).isZero();
        assertThat(w.accept(id(0, 1), 1, true, NOW)).isEqualTo(MsgIdWindow.DUPLICATE);
        assertThat(w.accept(id(0, 2), 2, true, NOW)).isEqualTo(MsgIdWindow.ODD_SEQNO_EXPECTED);
        // mtcute sends msgs_ack with an odd seqno; Telegram accepts it, so does Portrait
        assertThat(w.accept(id(0, 2), 3, false, NOW)).isZero();
    }

    @Test
    void seqnoMustGrowWithMsgId() {
        MsgIdWindow w = new MsgIdWindow(8);
        assertThat(w.accept(id(0, 5), 5, true, NOW)).isZero();
        // a later message with a lower seqno, or the same odd one
        assertThat(w.accept(id(0, 6), 3, true, NOW)).isEqualTo(MsgIdWindow.SEQNO_TOO_LOW);
        assertThat(w.accept(id(0, 6), 5, true, NOW)).isEqualTo(MsgIdWindow.SEQNO_TOO_LOW);
        // an earlier message with a higher seqno
        assertThat(w.accept(id(0, 4), 7, true, NOW)).isEqualTo(MsgIdWindow.SEQNO_TOO_HIGH);
        // what gramjs does: content messages then a container (even seqno, the next number), then an ack
        assertThat(w.accept(id(0, 7), 7, true, NOW)).isZero();
        assertThat(w.accept(id(0, 8), 8, false, NOW)).isZero();
        assertThat(w.accept(id(0, 9), 8, false, NOW)).isZero();
    }

    @Test
    void forgetsOldIds() {
        MsgIdWindow w = new MsgIdWindow(4);
        for (int i = 10; i < 14; i++) assertThat(w.accept(id(0, i), 2 * i + 1, true, NOW)).isZero();
        assertThat(w.accept(id(0, 1), 1, true, NOW)).isEqualTo(MsgIdWindow.TOO_OLD);
        assertThat(w.forgotten(id(0, 1))).isTrue();
        assertThat(w.accept(id(0, 20), 41, true, NOW)).isZero();
        assertThat(w.contains(id(0, 10))).isFalse();
    }
}
