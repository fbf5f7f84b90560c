package dev.portrait.server.session;

import dev.portrait.mtproto.Envelope;
import dev.portrait.mtproto.MsgContainer;
import dev.portrait.mtproto.MsgIds;
import dev.portrait.mtproto.crypto.Randoms;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.mtproto.MsgsAck;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One MTProto session (client-chosen session_id) on an auth key: the checks on what the client sends, acks owed,
 * results of recent requests, and the server's own message numbering. Server messages go to the connection the
 * client used last; several waiting messages and the acks owed travel together in one container.
 */
public final class Session {
    private static final int MAX_CONTAINER_MESSAGES = 1020;
    private static final int MAX_UNACKNOWLEDGED_RESULTS = 1024;

    /** Creation order across sessions: breaks ties between sessions last used in the same second. */
    private static final AtomicLong CREATED = new AtomicLong();
    private final long id;
    private final long createdOrder = CREATED.incrementAndGet();
    private final AuthKeyState key;
    private final MsgIds msgIds;
    private final LongSupplier currentSalt;
    private final MsgIdWindow received = new MsgIdWindow(1024);
    private final ResultCache results;
    private final ReentrantLock lock = new ReentrantLock();
    /** Padding bytes come from the session's own generator: one shared SecureRandom is a lock every packet takes. */
    private final SecureRandom random = Randoms.newGenerator();
    private final List<Long> pendingAcks = new ArrayList<>();
    /** Server msg_id of each rpc_result sent → its request's msg_id, until the client acknowledges it (bounded). */
    private final LinkedHashMap<Long, Long> resultsSent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_UNACKNOWLEDGED_RESULTS;
        }
    };
    private int contentSent;
    private volatile ServerLink link;
    private volatile boolean noUpdates;
    private final Idle idle;

    /** A message the server sends: its body, whether it is content-related, whether it answers the client. */
    public record Outgoing(byte[] body, boolean contentRelated, boolean response) {
    }

    public Session(long id, AuthKeyState key, MsgIds msgIds, LongSupplier currentSalt, ResultCache results, long now) {
        this.id = id;
        this.key = key;
        this.msgIds = msgIds;
        this.currentSalt = currentSalt;
        this.results = results;
        this.idle = new Idle(now);
    }

    /** When a message last came in this session; retired once idle without a connection (see {@link Idle}). */
    public Idle idle() {
        return idle;
    }

    public long id() {
        return id;
    }

    /** Sessions created earlier have smaller numbers. */
    long createdOrder() {
        return createdOrder;
    }

    public AuthKeyState authKey() {
        return key;
    }

    public MsgIdWindow received() {
        return received;
    }

    public ResultCache results() {
        return results;
    }

    public ServerLink link() {
        return link;
    }

    public void attach(ServerLink l) {
        this.link = l;
    }

    public boolean noUpdates() {
        return noUpdates;
    }

    public void noUpdates(boolean on) {
        this.noUpdates = on;
    }

    /** Remembers that a content-related client message must be acknowledged. */
    public void ack(long msgId) {
        lock.lock();
        try {
            pendingAcks.add(msgId);
        } finally {
            lock.unlock();
        }
    }

    public void send(byte[] body, boolean contentRelated, boolean response) {
        send(List.of(new Outgoing(body, contentRelated, response)));
    }

    /** Sends pending acks alone, when no reply is going out to carry them. */
    public void flushAcks() {
        send(List.of());
    }

    /** Encrypts and writes the messages (with any acks owed) as one packet. Returns false when no link is open. */
    public boolean send(List<Outgoing> messages) {
        lock.lock();
        try {
            ServerLink l = link;
            if (l == null || !l.isOpen()) return false;
            List<Outgoing> all = new ArrayList<>(messages.size() + 1);
            if (!pendingAcks.isEmpty()) {
                TlWriter w = new TlWriter(16 + 8 * pendingAcks.size());
                new MsgsAck(new ArrayList<>(pendingAcks)).write(w);
                pendingAcks.clear();
                all.add(new Outgoing(w.toByteArray(), false, false));
            }
            all.addAll(messages);
            if (all.isEmpty()) return true;
            for (int from = 0; from < all.size(); from += MAX_CONTAINER_MESSAGES) {
                List<Outgoing> part = all.subList(from, Math.min(all.size(), from + MAX_CONTAINER_MESSAGES));
                l.write(part.size() == 1 ? single(part.get(0)) : container(part));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private int seqNo(boolean contentRelated) {
        return contentRelated ? 2 * contentSent++ + 1 : 2 * contentSent;
    }

    /**
     * The client acknowledged these server messages: the results among them are delivered, so their cached copies
     * (kept to answer a re-sent request) are let go, as MTProto intends.
     */
    public void acknowledged(List<Long> serverMsgIds) {
        List<Long> requests = new ArrayList<>();
        lock.lock();
        try {
            for (long id : serverMsgIds) {
                Long req = resultsSent.remove(id);
                if (req != null) requests.add(req);
            }
        } finally {
            lock.unlock();
        }
        for (long req : requests) results.acknowledged(req);
    }

    /** A message id given to an outgoing message: an rpc_result's is remembered with its request's (acknowledged). */
    private long nextMsgId(Outgoing m) {
        long msgId = msgIds.next(m.response());
        if (m.body().length >= 12) {
            TlReader r = new TlReader(m.body());
            if (r.readInt() == MsgContainer.RPC_RESULT) resultsSent.put(msgId, r.readLong());
        }
        return msgId;
    }

    private byte[] single(Outgoing m) {
        long msgId = nextMsgId(m);
        return Envelope.encrypt(key.key(), true, currentSalt.getAsLong(), id, msgId, seqNo(m.contentRelated()),
                m.body(), 0, m.body().length, random);
    }

    private byte[] container(List<Outgoing> part) {
        List<MsgContainer.Message> messages = new ArrayList<>(part.size());
        boolean anyResponse = false;
        for (Outgoing m : part) {
            messages.add(new MsgContainer.Message(nextMsgId(m), seqNo(m.contentRelated()), m.body()));
            anyResponse |= m.response();
        }
        byte[] body = MsgContainer.encode(messages);
        return Envelope.encrypt(key.key(), true, currentSalt.getAsLong(), id, msgIds.next(anyResponse), seqNo(false),
                body, 0, body.length, random);
    }
}
