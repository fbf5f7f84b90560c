package dev.portrait.cli;

/** A refusal the user can act on (taken phone, unknown account): one line on stderr and exit code 1, no stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message, null, false, false);
    }
}
