package dev.portrait.store;

/**
 * One update in an account's log with the account's pts and seq after it. An update with ptsCount &gt; 0 belongs to
 * the pts sequence; one with ptsCount 0 to the common sequence (it moved seq by one). Dates strictly increase within
 * an account, so date orders the log and a client's last date says exactly what it has seen.
 *
 * @param body the TL-serialized Update (latest layer)
 */
public record LoggedUpdate(long userId, int pts, int ptsCount, int seq, int date, byte[] body) {
    public boolean hasPts() {
        return ptsCount > 0;
    }
}
