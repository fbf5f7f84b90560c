package dev.portrait.botapi;

/** Numbers as the official server reads them: empty is the default, text that is not a number reads as 0. */
final class Params {
    private Params() {
    }

    static long integer(String value, long empty) {
        if (value == null) return empty;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
