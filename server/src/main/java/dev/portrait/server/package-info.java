/** The MTProto server: sessions, RPC dispatch on virtual threads, handlers per TL namespace. */
package dev.portrait.server;
