package dev.portrait.media;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * libvips-only tests: skipped when libvips42 is missing, unless the environment variable PORTRAIT_REQUIRE_VIPS is set
 * (CI sets it), in which case a missing libvips fails them.
 */
final class VipsSupport {
    static final String REQUIRE_ENV = "PORTRAIT_REQUIRE_VIPS";

    private VipsSupport() {}

    static boolean required() {
        String v = System.getenv(REQUIRE_ENV);
        return v != null && !v.isEmpty();
    }

    /** Returns when libvips can be used; otherwise aborts (skips) the test, or fails it when libvips is required. */
    static void requireVips() {
        if (ImageEngines.vipsAvailable()) {
            return;
        }
        String why = "libvips (" + Vips.LIBRARY + ") cannot be loaded";
        if (required()) {
            fail(why + ", and " + REQUIRE_ENV + " is set: install libvips42 (scripts/install-test-tools.sh)");
        }
        assumeTrue(false, why + "; skipping the libvips engine's tests (set " + REQUIRE_ENV + " to make this fail)");
    }
}
