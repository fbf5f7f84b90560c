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

    private final EventHub hub;

    EventsApi(EventHub hub) {
        this.hub = hub;
    }

    void routes(RoutesConfig routes) {
        routes.sse("/api/v1/events", this::stream);
    }

    private void stream(SseClient client) {
        BlockingQueue<EventHub.Event> queue = new ArrayBlockingQueue<>(QUEUE);
        int[] lost = {0};
        Runnable stop = hub.listen(e -> {
            synchronized (lost) {
                while (!queue.offer(e)) {
                    queue.poll();
                    lost[0]++;
                }
            }
        });
        try {
            client.sendComment("portrait inspector events");
            while (!client.terminated()) {
                EventHub.Event e = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
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
        }
    }
}
