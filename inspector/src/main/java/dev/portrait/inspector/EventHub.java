package dev.portrait.inspector;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Where the inspector's live events go out to every subscriber of /api/v1/events. */
final class EventHub {
    /** An event: its SSE name ({@code call}, {@code code}, {@code photo}, {@code session}) and JSON data. */
    record Event(String name, String json) {
    }

    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    void publish(String name, Object data) {
        if (listeners.isEmpty()) return; // no JSON is made for nobody
        Event e = new Event(name, Inspector.json(data));
        for (Consumer<Event> l : listeners) l.accept(e);
    }

    /** Whether anyone subscribes now (what only subscribers need is not worked out otherwise). */
    boolean listened() {
        return !listeners.isEmpty();
    }

    Runnable listen(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
