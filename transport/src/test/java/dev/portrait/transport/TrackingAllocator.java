package dev.portrait.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Heap-only allocator remembering the largest capacity any of its buffers ever had, growth included (Netty grows
 * a cumulation buffer in place, without asking the allocator again).
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private int largest;

    TrackingAllocator() {
        super(false);
    }

    int largest() {
        return largest;
    }

    private void saw(int capacity) {
        largest = Math.max(largest, capacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        saw(initialCapacity);
        return new Tracked(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private final class Tracked extends UnpooledHeapByteBuf {
        Tracked(int initialCapacity, int maxCapacity) {
            super(TrackingAllocator.this, initialCapacity, maxCapacity);
        }

        @Override
        public ByteBuf capacity(int newCapacity) {
            saw(newCapacity);
            return super.capacity(newCapacity);
        }
    }
}
