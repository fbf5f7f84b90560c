package dev.portrait.tl.compiler;

/** A schema that cannot be parsed or generated. */
public class TlSchemaException extends RuntimeException {
    public TlSchemaException(String message) {
        super(message);
    }
}
