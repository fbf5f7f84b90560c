package dev.portrait.store;

/** A unique value (phone, username) is already taken; {@link #field()} says which. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String field) {
        super(field + " is taken", null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
