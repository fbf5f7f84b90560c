package dev.portrait.server.cpu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Lowers the calling platform thread's CPU priority (its nice value). Java has no way to say this; Linux keeps a nice
 * value per thread, set by {@code setpriority(PRIO_PROCESS, gettid(), n)}, and any thread may lower its own priority.
 * Elsewhere (no {@code gettid} in the C library) the thread keeps its priority.
 */
final class ThreadNice {
    private static final Logger log = LoggerFactory.getLogger(ThreadNice.class);
    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle GETTID;
    private static final MethodHandle GETPRIORITY;
    private static final MethodHandle SETPRIORITY;

    static {
        MethodHandle gettid = null, getpriority = null, setpriority = null;
        try {
            Linker linker = Linker.nativeLinker();
            var gettidSymbol = linker.defaultLookup().find("gettid");
            var getprioritySymbol = linker.defaultLookup().find("getpriority");
            var setprioritySymbol = linker.defaultLookup().find("setpriority");
            if (gettidSymbol.isPresent() && getprioritySymbol.isPresent() && setprioritySymbol.isPresent()) {
                gettid = linker.downcallHandle(gettidSymbol.get(), FunctionDescriptor.of(JAVA_INT));
                getpriority = linker.downcallHandle(getprioritySymbol.get(), FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
                setpriority = linker.downcallHandle(setprioritySymbol.get(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
            }
        } catch (RuntimeException | LinkageError e) { // native access refused, or no such linker here
            log.debug("thread priorities unavailable: {}", e.toString());
        }
        GETTID = gettid;
        GETPRIORITY = getpriority;
        SETPRIORITY = setpriority;
    }

    private ThreadNice() {
    }

    /** Adds {@code increment} to the calling thread's nice value (19 at most); false where that is not possible. */
    static boolean lower(int increment) {
        if (GETTID == null || Thread.currentThread().isVirtual()) return false;
        try {
            int tid = (int) GETTID.invokeExact();
            int now = (int) GETPRIORITY.invokeExact(PRIO_PROCESS, tid);
            return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, Math.min(19, now + increment)) == 0;
        } catch (Throwable e) {
            log.debug("setpriority failed: {}", e.toString());
            return false;
        }
    }
}
