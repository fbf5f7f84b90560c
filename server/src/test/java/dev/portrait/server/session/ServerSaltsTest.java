package dev.portrait.server.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSaltsTest {
    @Test
    void saltsRotateAndTheLastOneStaysValid() {
        ServerSalts salts = new ServerSalts(new byte[32]);
        long t = 1_700_000_000L;
        long s1 = salts.current(t);
        assertThat(salts.valid(s1, t)).isTrue();
        long next = (ServerSalts.windowOf(t) + 1) * ServerSalts.WINDOW_SECONDS;
        assertThat(salts.current(next)).isNotEqualTo(s1);
        assertThat(salts.valid(s1, next)).isTrue();
        assertThat(salts.valid(s1, next + ServerSalts.WINDOW_SECONDS)).isFalse();
        assertThat(salts.valid(0, t)).isFalse();
        assertThat(new ServerSalts(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}).current(t)).isNotEqualTo(s1);
    }

    @Test
    void futureSaltsCoverTheComingWindows() {
        ServerSalts salts = new ServerSalts(new byte[32]);
        long t = 1_700_000_000L;
        ServerSalts.FutureSalt[] f = salts.future(t, 3);
        assertThat(f).hasSize(3);
        assertThat(f[0].salt()).isEqualTo(salts.current(t));
        assertThat(f[1].validSince()).isEqualTo(f[0].validSince() + ServerSalts.WINDOW_SECONDS);
        assertThat(salts.future(t, 1000)).hasSize(ServerSalts.MAX_FUTURE_SALTS);
        for (ServerSalts.FutureSalt s : f) assertThat(salts.valid(s.salt(), s.validSince())).isTrue();
    }
}
