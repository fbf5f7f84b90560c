package dev.portrait.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance suite on the pure-Java engine. */
class JavaImageEngineTest extends ImageEngineContract {
    @Override
    protected ImageEngine createEngine() {
        return new JavaImageEngine();
    }

    @Test
    void name() {
        assertThat(engine.name()).isEqualTo("java");
    }
}
