package io.acore.testkit.discord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Discord's rate limit on executing a webhook and editing its messages: {@value #LIMIT} requests per window of
 * {@value #WINDOW_MILLIS} ms per webhook, told in the {@code X-RateLimit-*} headers of every answer; over it, 429
 * with {@code retry_after}. A test can also make the next requests meet a 429 whatever the bucket holds, as when
 * Discord is busy.
 */
final class WebhookBuckets {
    static final int LIMIT = 5;
    static final long WINDOW_MILLIS = 2_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger forcedLimits = new AtomicInteger();

    /** The verdict on one request: allowed or not, what is left of the window and when it resets. */
    record Admission(boolean allowed, int remaining, long resetAfterMillis, String bucket) {
    }

    Admission admit(String webhookId) {
        String bucket = "webhook-" + webhookId;
        Window window = windows.computeIfAbsent(webhookId, id -> new Window());
        boolean forced = forcedLimits.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        synchronized (window) {
            long now = System.currentTimeMillis();
            if (now >= window.resetsAt) {
                window.resetsAt = now + WINDOW_MILLIS;
                window.used = 0;
            }
            long resetAfter = window.resetsAt - now;
            if (forced || window.used >= LIMIT) {
                return new Admission(false, 0, forced ? Math.max(resetAfter, 300) : resetAfter, bucket);
            }
            window.used++;
            return new Admission(true, LIMIT - window.used, resetAfter, bucket);
        }
    }

    void limitNext(int requests) {
        forcedLimits.set(requests);
    }

    private static final class Window {
        private long resetsAt;
        private int used;
    }
}
