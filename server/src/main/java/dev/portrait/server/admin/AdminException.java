package dev.portrait.server.admin;

/** An operator's request refused, with the rpc_error Telegram would name it by and a sentence for people. */
public final class AdminException extends RuntimeException {
    private final String error;

    public AdminException(String error, String message) {
        super(message);
        this.error = error;
    }

    /** The rpc_error-style name, e.g. PHONE_NUMBER_OCCUPIED. */
    public String error() {
        return error;
    }

    /** Whether the request collides with what exists (a taken phone or username) rather than being malformed. */
    public boolean conflict() {
        return error.endsWith("_OCCUPIED");
    }
}
