package dev.portrait.store;

/** One entry of an address book: owner saved user under this name (and phone, as typed). */
public record ContactRecord(long ownerId, long userId, String firstName, String lastName, String phone, int addedAt) {
}
