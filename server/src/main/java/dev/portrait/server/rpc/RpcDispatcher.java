package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Finds the handler of an (unwrapped) method, checks who may call it, and runs it, turning every failure into an
 * {@link RpcException}. Each call is timed in {@code portrait.rpc} by method and outcome ("ok" or the error message,
 * numbers replaced by X so FLOOD_WAIT_17 and FLOOD_WAIT_30 are one series).
 */
public final class RpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Histogram buckets of the call timer: enough for latency alerts without a series per percentile. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final RpcRegistry registry;
    private final LongPredicate isBot;
    private final MeterRegistry meters;
    private volatile RpcHooks hooks = RpcHooks.NONE;

    /** @param isBot tells whether a signed-in account is a bot (for methods only people may call) */
    public RpcDispatcher(RpcRegistry registry, LongPredicate isBot, MeterRegistry meters) {
        this.registry = registry;
        this.isBot = isBot;
        this.meters = meters;
    }

    /** Without meters (a registry that keeps nothing). */
    public RpcDispatcher(RpcRegistry registry, LongPredicate isBot) {
        this(registry, isBot, new CompositeMeterRegistry());
    }

    /** Who hears every call and may inject faults (the inspector); {@link RpcHooks#NONE} by default. */
    public void hooks(RpcHooks hooks) {
        this.hooks = hooks == null ? RpcHooks.NONE : hooks;
    }

    /** Who hears every call now (RpcHooks.NONE when nobody). */
    public RpcHooks hooks() {
        return hooks;
    }

    /** Tells the listener (if any) of a service-level event. */
    public void service(ServiceEvent event) {
        RpcHooks h = hooks;
        if (h == RpcHooks.NONE) return;
        try {
            h.service(event);
        } catch (RuntimeException e) {
            log.warn("an RPC listener failed on {}", event.kind(), e);
        }
    }

    /** Whether anyone listens (so that events are not built for nobody). */
    public boolean heard() {
        return hooks != RpcHooks.NONE;
    }

    /** Runs the method; the result is what {@code method.writeResult} accepts. */
    public Object dispatch(RpcContext context, TlMethod<?> method) {
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        String outcome = "ok";
        RpcHooks h = hooks;
        Fault fault = null;
        Object result = null;
        RpcException error = null;
        try {
            fault = h.before(context, method);
            result = switch (fault) {
                case null -> run(context, method);
                case Fault.Error e -> throw new RpcException(e.code(), e.message());
                case Fault.Delay d -> {
                    sleep(d.millis());
                    yield run(context, method);
                }
                case Fault.Drop d -> {
                    context.disconnect();
                    throw new CallDropped();
                }
            };
            return result;
        } catch (RpcException e) {
            error = e;
            outcome = NUMBER.matcher(e.getMessage()).replaceAll("X");
            throw e;
        } catch (CallDropped e) {
            outcome = "DROPPED";
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            Timer.builder("portrait.rpc").description("RPC calls by method and outcome")
                    .tags("method", method.tlName(), "outcome", outcome).serviceLevelObjectives(BUCKETS)
                    .register(meters).record(nanos, TimeUnit.NANOSECONDS);
            if (h != RpcHooks.NONE) {
                try {
                    h.after(new RpcCall(startedAt, context.userId(), context.authKeyId(), context.sessionId(),
                            context.layer(), context.clientAddress(), context.transport(), method, result, error, nanos, fault));
                } catch (RuntimeException e) {
                    log.warn("an RPC listener failed on {}", method.tlName(), e);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcException.internal("INTERNAL");
        }
    }

    @SuppressWarnings("unchecked")
    private Object run(RpcContext context, TlMethod<?> method) {
        RpcRegistry.Entry entry = registry.find(method);
        if (entry == null) {
            log.debug("no handler for {}", method.tlName());
            throw RpcException.badRequest("INPUT_METHOD_INVALID");
        }
        try {
            if (entry.access() != RpcRegistry.Access.ANYONE && context.userId() == 0) {
                throw RpcException.unauthorized("AUTH_KEY_UNREGISTERED");
            }
            if (entry.access() == RpcRegistry.Access.USERS_ONLY && isBot.test(context.userId())) {
                throw RpcException.badRequest("BOT_METHOD_INVALID");
            }
            Object result = ((RpcHandler<TlMethod<?>>) entry.handler()).handle(context, method);
            if (result == null) throw new IllegalStateException(method.tlName() + " handler returned null");
            return result;
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{} failed", method.tlName(), e);
            throw RpcException.internal("INTERNAL");
        }
    }
}
