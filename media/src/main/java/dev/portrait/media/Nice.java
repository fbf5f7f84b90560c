package dev.portrait.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts dear work at a lower CPU priority: the worker of a picture that promises expensive decoding, and every
 * ffprobe/ffmpeg run. With the cores contended, ordinary photos and calls beside it are served first; with them idle,
 * it gets them all the same.
 */
public final class Nice {
    /** The nice increment of dear work (of 19); the server's bulk lane uses the same. */
    public static final int INCREMENT = 10;
    /** coreutils' nice; null where there is none (then all run alike). */
    private static final String NICE = Files.isExecutable(Path.of("/usr/bin/nice")) ? "/usr/bin/nice" : null;

    private Nice() {
    }

    /** The words to put before a command to run it at the lower priority; none where that is not possible. */
    public static List<String> prefix() {
        return NICE == null ? List.of() : List.of(NICE, "-n", Integer.toString(INCREMENT));
    }
}
