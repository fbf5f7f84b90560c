package dev.portrait.server.updates;

import dev.portrait.server.ServerConfig;
import dev.portrait.server.privacy.PrivacyManager;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.LoggedUpdate;
import dev.portrait.store.UpdateStore;
import dev.portrait.store.UpdatesState;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-account update sequences. Every update that matters later is logged before it is pushed, so a client that was
 * offline gets it from updates.getDifference; pushes carry the users they mention, as each recipient sees them.
 */
public final class UpdatesManager {
    private final UpdateStore log;
    private final AuthKeys keys;
    private final UsersManager users;
    private final ServerConfig.Accounts limits;

    public UpdatesManager(UpdateStore log, AuthKeys keys, UsersManager users, ServerConfig.Accounts limits) {
        this.log = log;
        this.keys = keys;
        this.users = users;
        this.limits = limits;
    }

    public dev.portrait.tl.api.UpdatesState state(long userId, int now) {
        UpdatesState s = current(userId, now);
        return new dev.portrait.tl.api.UpdatesState(s.pts(), s.qts(), s.date(), s.seq(), 0);
    }

    /** The account's state; a new account's sequences start now (its date is never 0). */
    private UpdatesState current(long userId, int now) {
        UpdatesState s = log.state(userId);
        return s.date() != 0 ? s : log.start(userId, now);
    }

    /**
     * Logs an update in the account's common sequence and pushes it to the account's live sessions except
     * exceptSessionId (0 = all). Returns the {@code updates} object, for methods whose result is Updates.
     */
    public Updates deliver(long userId, TypeUpdate update, long exceptSessionId, int now) {
        LoggedUpdate e = log.append(userId, 0, body(update), now);
        Updates out = new Updates(List.of(update), users.views(userId, referencedUsers(update), now), List.of(), e.date(), e.seq());
        keys.pushToUser(userId, out, exceptSessionId);
        return out;
    }

    /**
     * Logs an update of the pts sequence (new or deleted messages) that moves pts by ptsCount, and pushes it to the
     * account's live sessions except exceptSessionId (0 = all). {@code update} builds the update for the pts it ends at.
     */
    public LoggedUpdate deliverPts(long userId, int ptsCount, java.util.function.IntFunction<TypeUpdate> update,
                                   long exceptSessionId, int now) {
        TypeUpdate[] built = new TypeUpdate[1];
        LoggedUpdate e = log.append(userId, ptsCount, pts -> body(built[0] = update.apply(pts)), now);
        keys.pushToUser(userId, new Updates(List.of(built[0]), users.views(userId, referencedUsers(built[0]), now), List.of(),
                e.date(), 0), exceptSessionId);
        return e;
    }

    /** Pushes without logging: for updates that are stale by the time a client catches up (online status). */
    public void pushShort(long userId, TypeUpdate update, int now) {
        keys.pushToUser(userId, new UpdateShort(update, now));
    }

    /** updates.getDifference from the client's (pts, date). */
    public TypeUpdatesDifference difference(long userId, int pts, int date, Integer ptsTotalLimit, int now) {
        UpdatesState s = current(userId, now);
        UpdatesState trimmed = log.trimmedUpTo(userId);
        if (pts > s.pts() || trimmed.pts() > pts || trimmed.date() > date
                || (ptsTotalLimit != null && ptsTotalLimit > 0 && log.countAfter(userId, pts, date) > ptsTotalLimit)) {
            return new UpdatesDifferenceTooLong(s.pts());
        }
        int limit = limits.differenceLimit();
        List<LoggedUpdate> entries = new ArrayList<>(log.after(userId, pts, date, limit + 1));
        // The state was read first: anything logged since belongs to the next call.
        entries.removeIf(e -> e.date() > s.date());
        if (entries.isEmpty()) return new UpdatesDifferenceEmpty(s.date(), s.seq());
        boolean slice = entries.size() > limit;
        if (slice) entries = entries.subList(0, limit);
        List<TypeUpdate> updates = new ArrayList<>(entries.size());
        List<TypeMessage> messages = new ArrayList<>();
        Set<Long> mentioned = new LinkedHashSet<>();
        for (LoggedUpdate e : entries) {
            TypeUpdate u = TypeUpdate.read(new TlReader(e.body()));
            // as Telegram does: new messages travel in new_messages, everything else in other_updates
            if (u instanceof UpdateNewMessage m) messages.add(m.message());
            else updates.add(u);
            mentioned.addAll(referencedUsers(u));
        }
        List<TypeUser> views = users.views(userId, mentioned, now);
        if (slice) {
            LoggedUpdate last = entries.getLast();
            return new UpdatesDifferenceSlice(messages, List.of(), updates, List.of(), views,
                    new dev.portrait.tl.api.UpdatesState(last.pts(), s.qts(), last.date(), last.seq(), 0));
        }
        return new UpdatesDifference(messages, List.of(), updates, List.of(), views,
                new dev.portrait.tl.api.UpdatesState(s.pts(), s.qts(), s.date(), s.seq(), 0));
    }

    static Set<Long> messageUsers(TypeMessage message) {
        Set<Long> ids = new LinkedHashSet<>();
        if (message instanceof MessageService m) {
            if (m.fromId() instanceof PeerUser p) ids.add(p.userId());
            if (m.peerId() instanceof PeerUser p) ids.add(p.userId());
        }
        return ids;
    }

    static byte[] body(TypeUpdate update) {
        TlWriter w = new TlWriter();
        update.write(w);
        return w.toByteArray();
    }

    /** The users an update names, which its recipient needs in the same message. */
    static Set<Long> referencedUsers(TypeUpdate update) {
        return switch (update) {
            case UpdateUser u -> Set.of(u.userId());
            case UpdateUserName u -> Set.of(u.userId());
            case UpdateUserPhone u -> Set.of(u.userId());
            case UpdateUserStatus u -> Set.of(u.userId());
            case UpdatePeerSettings u when u.peer() instanceof PeerUser p -> Set.of(p.userId());
            case UpdatePrivacy u -> PrivacyManager.users(u.rules());
            case UpdateNewMessage u -> messageUsers(u.message());
            default -> Set.of();
        };
    }
}
