package dev.portrait.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Logback appender keeping WARN and ERROR events, so tests can prove nothing escaped to Netty's logger. */
public final class CapturedLog extends AppenderBase<ILoggingEvent> {
    private static final List<String> PROBLEMS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.WARN)) PROBLEMS.add(e.getLoggerName() + ": " + e.getFormattedMessage());
    }

    static List<String> problems() {
        return List.copyOf(PROBLEMS);
    }

    static void clear() {
        PROBLEMS.clear();
    }

    /** Makes Netty's leak detector report what the GC found unreleased (it reports when buffers are allocated). */
    static List<String> leaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 200; i++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(16);
                b.release();
            }
        }
        return problems().stream().filter(p -> p.contains("LEAK")).toList();
    }
}
