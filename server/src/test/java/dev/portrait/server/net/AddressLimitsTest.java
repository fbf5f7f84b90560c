package dev.portrait.server.net;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class AddressLimitsTest {
    @Test
    void anAddressOverItsConnectionsIsRefusedAndForgottenWhenItsLastConnectionCloses() {
        AddressLimits limits = new AddressLimits(2, 1, 0);
        assertThat(limits.opened("10.0.0.1")).isTrue();
        assertThat(limits.opened("10.0.0.1")).isTrue();
        assertThat(limits.opened("10.0.0.1")).as("third connection").isFalse();
        assertThat(limits.opened("10.0.0.2")).as("another address").isTrue();
        limits.closed("10.0.0.1"); // the refused one closes too
        assertThat(limits.opened("10.0.0.1")).as("still two open").isFalse();
        limits.closed("10.0.0.1");
        limits.closed("10.0.0.1"); // one of the two
        assertThat(limits.opened("10.0.0.1")).as("a place came free").isTrue();
        limits.closed("10.0.0.1");
        limits.closed("10.0.0.1");
        limits.closed("10.0.0.2");
        assertThat(limits.addresses()).isZero();
        limits.closed("10.0.0.3"); // never opened: nothing to forget
        assertThat(limits.addresses()).isZero();
    }

    @Test
    void oneAddressRunsAtMostItsSlotsOfKeyExchangeStepsWhileOthersGoOn() throws Exception {
        AddressLimits limits = new AddressLimits(1000, 1, 100);
        limits.opened("10.0.0.1");
        limits.opened("10.0.0.2");
        AddressLimits.Slot held = limits.keyExchangeSlot("10.0.0.1");
        assertThat(held).isNotNull();
        assertThat(limits.keyExchangeSlot("10.0.0.1")).as("the address's only turn is taken: refused after the wait").isNull();
        try (AddressLimits.Slot other = limits.keyExchangeSlot("10.0.0.2")) {
            assertThat(other).as("another address is not held up").isNotNull();
        }
        held.close();
        held.close(); // closing twice gives back one turn, not two
        AddressLimits.Slot again = limits.keyExchangeSlot("10.0.0.1");
        assertThat(again).as("the turn came back").isNotNull();
        assertThat(limits.keyExchangeSlot("10.0.0.1")).as("and only one").isNull();
        again.close();
        assertThat(limits.keyExchangeSlot("10.0.0.9")).as("an address without a connection gets no turn").isNull();
    }

    @Test
    void manyConnectionsOfOneAddressTakeTurnsAndAllFinish() throws Exception {
        int slots = 2;
        AddressLimits limits = new AddressLimits(1000, slots, 30_000);
        limits.opened("10.0.0.1");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(64);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (AddressLimits.Slot slot = limits.keyExchangeSlot("10.0.0.1")) {
                    if (slot == null) return;
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    running.decrementAndGet();
                    done.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            }));
        }
        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(done).hasValue(64);
        assertThat(most.get()).as("steps running at once").isBetween(1, slots);
    }
}
