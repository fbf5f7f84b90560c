package dev.portrait.server.admin;

/** An operator's request refused, with the rpc_error Telegram would name it by and a sentence for people. */
public final class AdminException extends RuntimeException {
    /**
     * What kind of refusal: malformed, colliding with what exists, about something that is not there, or not allowed on
     * this server.
     */
    public enum Kind { INVALID, CONFLICT, NOT_FOUND, FORBIDDEN }

    private final String error;
    private final Kind kind;

    public AdminException(String error, String message) {
        this(error, message, error.endsWith("_UNOCCUPIED") ? Kind.NOT_FOUND : error.endsWith("_OCCUPIED") ? Kind.CONFLICT
                : Kind.INVALID);
    }

    public AdminException(String error, String message, Kind kind) {
        super(message);
        this.error = error;
        this.kind = kind;
    }

    public static AdminException notFound(String error, String message) {
        return new AdminException(error, message, Kind.NOT_FOUND);
    }

    /** The rpc_error-style name, e.g. PHONE_NUMBER_OCCUPIED. */
    public String error() {
        return error;
    }

    public Kind kind() {
        return kind;
    }
}
