/**
 * Creating auth keys (core.telegram.org/mtproto/auth_key): the server and client state machines of the key exchange,
 * and the binding of a temporary key to a permanent one for perfect forward secrecy.
 */
package dev.portrait.mtproto.handshake;
