package dev.portrait.inspector;

import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * /api/v1/events: Server-Sent Events of what happens as it happens ({@code call}: an RPC log entry; {@code code}: a
 * sign-in code sent; {@code photo}, {@code session}: an account's photos or keys changed). Each subscriber
 * has a bounded queue drained by its own (virtual) request thread, so a slow reader never slows a call; when its
 * queue is full the oldest events go and a {@code lost} event says how many.
 */
final class EventsApi {
    static final int QUEUE = 1000;
    /** A comment this often keeps proxies from closing an idle stream and notices a gone reader. */
    static final long HEARTBEAT_SECONDS = 15;

    /** Put in a stream's queue to end it (the inspector is stopping). */
    private static final EventHub.Event STOP = new EventHub.Event("stop", "{}");

    private final EventHub hub;
    private final java.util.Set<BlockingQueue<EventHub.Event>> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventsApi(EventHub hub) {
        this.hub = hub;
    }

    /** Streams whose request thread still runs (for tests). */
    int live() {
        return streams.size();
    }

    /** Ends every stream, so that no request thread outlives the inspector (before its server stops). */
    void close() {
        closed = true;
        for (BlockingQueue<EventHub.Event> q : streams) {
            q.clear();
            q.offer(STOP);
        }
    }

    void routes(RoutesConfig routes) {
        routes.sse("/api/v1/events", this::stream);
    }

    private void stream(SseClient client) {
        BlockingQueue<EventHub.Event> queue = new ArrayBlockingQueue<>(QUEUE);
        streams.add(queue);
        if (closed) queue.offer(STOP);
        int[] lost = {0};
        Runnable stop = hub.listen(e -> {
            synchronized (lost) {
                while (!closed && !queue.offer(e)) {
                    queue.poll();
                    lost[0]++;
                }
            }
        });
        try {
            client.sendComment("portrait inspector events");
            while (!client.terminated()) {
                EventHub.Event e = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                if (e == STOP) break;
                int missed;
                synchronized (lost) {
                    missed = lost[0];
                    lost[0] = 0;
                }
                if (missed > 0) client.sendEvent("lost", "{\"events\":" + missed + "}");
                if (e == null) client.sendComment("heartbeat");
                else client.sendEvent(e.name(), e.json());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.run();
            streams.remove(queue);
        }
    }
}
