package dev.portrait.tl;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. In the test command it replays its seed inputs
 * (src/test/resources/dev/portrait/tl/CodecFuzzTestInputs); to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl tl test -Dtest=CodecFuzzTest} (see docs/benchmarks.md, "Fuzzing").
 */
class CodecFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void decodeUntrustedBytes(byte[] data) {
        MutationFuzzTest.decodeAll(data);
    }
}
