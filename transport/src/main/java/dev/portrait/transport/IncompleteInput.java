package dev.portrait.transport;

/**
 * Implemented by the handlers that hold bytes of something not yet complete (a frame, the transport header, the
 * WebSocket upgrade or a WebSocket frame). {@link FrameTimeoutHandler} looks for them to know whether a connection
 * is in the middle of something, whatever handlers detection has put in its pipeline.
 */
interface IncompleteInput {
    boolean hasIncompleteInput();
}
