package io.acore.testkit.discord;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One webhook request of the bot that the fake Discord keeps waiting ({@link FakeDiscord#holdNextWebhookPostIn},
 * {@link FakeDiscord#holdNextWebhookEditIn}): the first such request in its channel goes no further until released,
 * so that a test can act at exactly that moment, such as kill the process that sent it. Closing the hold releases it.
 */
public final class WebhookHold implements AutoCloseable {
    /** The kinds of webhook request a hold can stop. */
    enum Request {
        POST, EDIT
    }

    private final Request request;
    private final String channelId;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String messageId;

    WebhookHold(Request request, String channelId) {
        this.request = request;
        this.channelId = channelId;
    }

    /** Whether this hold stops the request: only the first of its kind in its channel. */
    boolean takes(Request candidate, String candidateChannelId) {
        return request == candidate && channelId.equals(candidateChannelId) && taken.compareAndSet(false, true);
    }

    /** Keeps the request, about the message {@code messageId}, waiting until the hold is released. */
    void hold(String messageId) {
        this.messageId = messageId;
        arrived.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the request is held; returns the id of the message it posted or edits. */
    public String awaitHeld(Duration within) throws InterruptedException {
        if (!arrived.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no webhook " + request + " came in channel " + channelId + " within "
                    + within);
        }
        return messageId;
    }

    /** Lets the request go on: the fake finishes and answers it. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
    }
}
