package dev.portrait.tl;

/** A TL function: a request whose answer has the type {@code R}. */
public interface TlMethod<R> extends TlObject {
    /** Reads this method's result (the body of an rpc_result). */
    R readResult(TlReader in);

    /** Writes a result of this method, boxed where the schema boxes it. */
    void writeResult(TlWriter out, Object result);
}
