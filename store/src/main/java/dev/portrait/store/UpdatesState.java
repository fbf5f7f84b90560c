package dev.portrait.store;

/** An account's position in its update sequences (what updates.getState reports). */
public record UpdatesState(int pts, int qts, int seq, int date) {
    public static final UpdatesState EMPTY = new UpdatesState(0, 0, 0, 0);
}
