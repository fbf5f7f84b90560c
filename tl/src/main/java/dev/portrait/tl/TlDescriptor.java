package dev.portrait.tl;

import java.util.List;

/**
 * What a generated class knows about its schema line, for tools and tests that walk objects generically
 * (canonical JSON, random objects, the cross-checks). The hot encode/decode paths never use it.
 *
 * @param name the TL name ({@code photos.photo})
 * @param id the constructor id
 * @param function true for methods
 * @param type the result type as written ({@code photos.Photo}, {@code Vector<long>})
 * @param fields the fields in wire order, flags words excluded
 * @param javaClass the generated record
 * @param layer the schema layer this line belongs to
 */
public record TlDescriptor(String name, int id, boolean function, String type, List<Field> fields,
                           Class<? extends TlObject> javaClass, int layer) {

    /**
     * @param name TL field name ({@code access_hash})
     * @param javaName record component ({@code accessHash})
     * @param type TL type without the flag condition ({@code Vector<PhotoSize>}, {@code true}, {@code !X})
     * @param flagsField the flags word that makes it optional, or null
     * @param flagBit the bit, or -1
     */
    public record Field(String name, String javaName, String type, String flagsField, int flagBit) {
        public boolean optional() {
            return flagsField != null;
        }
    }
}
