package dev.portrait.store;

import java.util.List;
import java.util.Optional;

/** Sign-in codes and the count of wrong ones per phone (for FLOOD_WAIT). */
public interface LoginCodeStore {
    void put(LoginCode code);

    Optional<LoginCode> find(String phoneCodeHash);

    void delete(String phoneCodeHash);

    void markVerified(String phoneCodeHash);

    /** Codes not yet expired at now, newest first (for `portrait codes`). */
    List<LoginCode> recent(int now, int limit);

    /** Records a wrong code for the phone; returns the number of failures in the current window. */
    int recordFailure(String phone, int now, int windowSeconds);

    /** Failures for the phone since now - windowSeconds, and when the last one was. */
    SignInFailures failures(String phone, int now, int windowSeconds);

    void clearFailures(String phone);

    record SignInFailures(int count, int lastAt) {
    }
}
