package dev.portrait.store;

/**
 * A sign-in code sent for a phone number, identified by its phone_code_hash.
 *
 * @param verified auth.signIn accepted the code for a number without an account; auth.signUp may now use the hash
 */
public record LoginCode(String phoneCodeHash, String phone, String code, int createdAt, int expiresAt, int attempts,
                        boolean verified) {
}
