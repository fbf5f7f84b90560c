package dev.portrait.server.net;

import dev.portrait.mtproto.MsgIds;
import dev.portrait.mtproto.handshake.ServerHandshake;
import dev.portrait.server.cpu.BulkLane;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.server.session.MessageProcessor;
import dev.portrait.transport.TransportDetected;

/** What a connection needs from the server it belongs to. */
public interface ServerContext {
    ServerHandshake newHandshake();

    AuthKeys authKeys();

    MessageProcessor processor();

    MsgIds msgIds();

    long now();

    /** Counts a new connection from the address; false when the address is over its limit (-429). */
    boolean connectionOpened(String address);

    void connectionClosed(String address);

    /** A connection's first bytes named its transport (counted per framing, obfuscation and WebSocket). */
    void transportDetected(TransportDetected transport);

    /**
     * A turn of the address for one key-exchange step (close it after the step); null when none came free in time
     * (-429). See {@link AddressLimits}.
     */
    AddressLimits.Slot keyExchangeSlot(String address);

    /** Where big frames (upload parts) are decrypted and handled: lower priority, shared between accounts. */
    BulkLane bulkLane();
}
