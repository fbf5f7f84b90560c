package dev.portrait.server.photos;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ProcessingTurnsTest {
    private static final Duration HANG = Duration.ofSeconds(20);

    /** An acquire on its own thread: started() once it has its turn. */
    private static final class Job {
        final CountDownLatch got = new CountDownLatch(1);
        final Thread thread;

        Job(ProcessingTurns turns, long account) {
            thread = Thread.ofVirtual().start(() -> {
                turns.acquire(account);
                got.countDown();
            });
        }

        boolean started() {
            return got.getCount() == 0;
        }

        /** Blocks until the job either has its turn or is parked waiting for one. */
        Job settle() throws InterruptedException {
            while (!started() && thread.getState() != Thread.State.WAITING) Thread.sleep(1);
            return this;
        }

        void awaitStart() throws InterruptedException {
            got.await();
        }
    }

    @Test
    void anotherAccountsFirstJobStartsAtOnceWhileOneAccountFillsTheSlots() {
        assertTimeoutPreemptively(HANG, () -> {
            ProcessingTurns turns = new ProcessingTurns(2);
            turns.acquire(1);
            turns.acquire(1); // alone, account 1 may use every slot
            Job third = new Job(turns, 1).settle();
            assertThat(third.started()).isFalse();
            turns.acquire(2); // account 2's first job does not wait for account 1's
            assertThat(turns.busy()).isEqualTo(3);
            assertThat(third.settle().started()).isFalse();
            turns.release(2);
            turns.release(1); // busy 1 of 2 slots: account 1's third job may go
            third.awaitStart();
            assertThat(turns.busy()).isEqualTo(2);
        });
    }

    @Test
    void anAccountsFurtherJobsWaitForAFreeSlotWithinItsShare() {
        assertTimeoutPreemptively(HANG, () -> {
            ProcessingTurns turns = new ProcessingTurns(4);
            turns.acquire(1);
            turns.acquire(2);
            turns.acquire(1); // 2 of account 1: its share of 4 slots between 2 accounts
            Job over = new Job(turns, 1).settle();
            assertThat(over.started()).as("over account 1's share while account 2 has jobs").isFalse();
            turns.release(2); // account 1 alone again: its share is every slot
            over.awaitStart();
        });
    }

    @Test
    void theAccountRunningFewestJobsGoesFirst() {
        assertTimeoutPreemptively(HANG, () -> {
            ProcessingTurns turns = new ProcessingTurns(1); // 1 slot, 2 jobs at most
            turns.acquire(1);
            turns.acquire(2); // a first job, beyond the slot
            Job again = new Job(turns, 1).settle(); // arrives first, but account 1 already runs one
            Job newcomer = new Job(turns, 3).settle(); // at the limit of 2: waits
            assertThat(again.started()).isFalse();
            assertThat(newcomer.started()).isFalse();
            turns.release(2);
            newcomer.awaitStart();
            assertThat(again.settle().started()).isFalse();
            turns.release(3);
            turns.release(1);
            again.awaitStart();
        });
    }

    @Test
    void neverMoreThanTwiceTheSlots() {
        assertTimeoutPreemptively(HANG, () -> {
            ProcessingTurns turns = new ProcessingTurns(2);
            for (long account = 1; account <= 4; account++) turns.acquire(account);
            Job fifth = new Job(turns, 5).settle();
            assertThat(fifth.started()).isFalse();
            assertThat(turns.busy()).isEqualTo(ProcessingTurns.limit(2)).isEqualTo(4);
            turns.release(4);
            fifth.awaitStart();
        });
    }
}
