package dev.portrait.server.session;

/** A live connection as the session layer sees it: somewhere to write encrypted packets. */
public interface ServerLink {
    /** Writes one packet (transport framing is the link's business). Never blocks. */
    void write(byte[] packet);

    /** Sends the transport error code (-404, -429, -444) and closes. */
    void fail(int transportError);

    void close();

    boolean isOpen();

    /** The peer's address, for logs and limits. */
    String address();

    /** How the connection is framed ({@code TransportDetected.describe}), "" until known. */
    default String transport() {
        return "";
    }

    /** Closes the link if no {@code ping_delay_disconnect} arrives within {@code seconds} (0 cancels). */
    void disconnectAfter(int seconds);
}
