package dev.portrait.server.rpc;

/** What an injected fault does to a call (client developers' error handling, like Mailpit's chaos). */
public sealed interface Fault {
    /** Answer this rpc_error instead of running the method. */
    record Error(int code, String message) implements Fault {
        public Error {
            if (code < 300 || code > 599 || message == null || !message.matches("[A-Z0-9_]{2,64}")) {
                throw new IllegalArgumentException("an rpc_error is a code 300-599 and an UPPER_CASE message");
            }
        }
    }

    /** Run the method after waiting this long. */
    record Delay(long millis) implements Fault {
        public Delay {
            if (millis < 0 || millis > 600_000) throw new IllegalArgumentException("a delay is 0 to 600000 ms");
        }
    }

    /** Close the client's connection instead of answering (the client resends on a new one). */
    record Drop() implements Fault {
    }
}
