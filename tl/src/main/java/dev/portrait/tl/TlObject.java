package dev.portrait.tl;

/** A TL constructor or method value: knows its constructor id and how to write itself. */
public interface TlObject {
    int constructorId();

    /** The name as written in the schema ({@code photos.photo}). */
    String tlName();

    TlDescriptor descriptor();

    /** Writes the fields without the constructor id. */
    void writeBare(TlWriter out);

    /** Whether a client of this layer knows this constructor (older layers lack some; see the layer files). */
    default boolean inLayer(int layer) {
        return true;
    }

    /** Writes the constructor id for the writer's layer, then the fields. */
    default void write(TlWriter out) {
        out.writeInt(constructorId());
        writeBare(out);
    }

    /** Serializes this object, boxed, in the newest layer. */
    default byte[] toByteArray() {
        TlWriter w = new TlWriter();
        write(w);
        return w.toByteArray();
    }
}
