package dev.portrait.tl.compiler;

/**
 * One argument of a combinator.
 *
 * @param name the TL field name ({@code access_hash})
 * @param type its type
 * @param flagsField the flags word that makes it optional ({@code flags}, {@code flags2}), or null when required
 * @param flagBit the bit in that word, or -1
 */
public record TlArg(String name, TlTypeRef type, String flagsField, int flagBit) {

    public boolean isOptional() {
        return flagsField != null;
    }

    /** {@code flags.N?true}: a boolean carried only by the flags word. */
    public boolean isFlagTrue() {
        return flagsField != null && type.name().equals("true");
    }

    public boolean isFlagsWord() {
        return type.isFlagsWord();
    }

    /** The argument as written in a schema line. */
    public String text() {
        return name + ":" + (flagsField != null ? flagsField + "." + flagBit + "?" : "") + type;
    }
}
