package dev.portrait.tl;

/**
 * The one exception the TL codec throws for bad input: truncated data, an unknown constructor id, an absurd length,
 * nesting too deep, broken gzip. Decoding never throws anything else for any input.
 */
public final class TlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlException(String message) {
        super(message, null, false, false);
    }

    public TlException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
