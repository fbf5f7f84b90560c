/** A Java MTProto 2.0 client: transports, handshake, encrypted sessions, typed invoke(). */
package dev.portrait.client;
