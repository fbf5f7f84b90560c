package dev.portrait.transport;

/** Which end of a connection a codec serves: the two differ in quick acks, transport errors and padding rules. */
public enum Role {
    SERVER,
    CLIENT
}
