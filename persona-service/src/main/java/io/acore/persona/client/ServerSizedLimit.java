package io.acore.persona.client;

import com.netflix.concurrency.limits.limit.AbstractLimit;
import java.time.Duration;

/**
 * A limit on calls at once that takes the model server's own size when it says it is full: at that moment the limit
 * becomes the number of other calls of ours it was running, so the calls beyond wait for a place instead of being
 * refused again (a call given a place within the limit and refused always lowers it: the others were fewer). While
 * calls pass near the limit without a "full" answer, it grows by one each {@code window}, probing for room the server
 * may have gained; it stays between {@code min} and {@code max}.
 */
final class ServerSizedLimit extends AbstractLimit {
    private final int min;
    private final int max;
    private final long windowNanos;
    private long windowStart = System.nanoTime();
    private boolean nearTheLimit;
    private boolean fullInWindow;

    ServerSizedLimit(int initial, int min, int max, Duration window) {
        super(initial);
        this.min = min;
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** The server answered "full" while {@code running} other calls of ours were in flight. */
    synchronized void full(int running) {
        fullInWindow = true;
        setLimit(Math.max(min, Math.min(getLimit(), running)));
    }

    @Override
    protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
        if (!didDrop && inflight * 2 >= getLimit()) {
            nearTheLimit = true;
        }
        long now = startTime + rtt;
        if (now - windowStart < windowNanos) {
            return getLimit();
        }
        int next = nearTheLimit && !fullInWindow ? Math.min(max, getLimit() + 1) : getLimit();
        windowStart = now;
        nearTheLimit = false;
        fullInWindow = false;
        return next;
    }
}
