package dev.portrait.media.video;

import dev.portrait.media.Nice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ExecTest {
    /** The nice value in a /proc/.../stat line (field 19; the command name in parentheses may hold spaces). */
    static int nice(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(fields[16]); // field 19 of the whole line, 17th after the name
    }

    @Test
    void childProcessesRunAtTheLowerPriority(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stat");
        Set<Process> live = ConcurrentHashMap.newKeySet();
        Exec.Result r = Exec.run(List.of("/bin/cat", "/proc/self/stat"), Map.of(), dir, out, dir.resolve("err"),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(30), 1L << 30, 1 << 20, 5, live);

        assertThat(r.ok()).isTrue();
        int mine = nice(Files.readString(Path.of("/proc/self/stat")));
        assertThat(nice(Files.readString(out))).isEqualTo(Math.min(19, mine + Nice.INCREMENT));
        assertThat(live).isEmpty();
    }
}
