/** MTProto 2.0 without I/O: crypto, key exchange, the encrypted envelope, message ids, salts. */
package dev.portrait.mtproto;
