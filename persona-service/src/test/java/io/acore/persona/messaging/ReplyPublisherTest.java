package io.acore.persona.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ChatMessage;
import io.acore.testkit.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** A streaming update the broker's send buffer has no room for is dropped; the reply goes on. */
class ReplyPublisherTest {

    @Test
    @SuppressWarnings("unchecked")
    void aPartialTheSendBufferHasNoRoomForIsDroppedAndCounted() {
        MutinyEmitter<Record<String, String>> full = (MutinyEmitter<Record<String, String>>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("SRMSG00034: Insufficient downstream requests to emit item");
                });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ReplyPublisher publisher = new ReplyPublisher(full, registry);
        ChatMessage asked = TestEvents.webMessage("lobby", "ada", "hi");

        publisher.publishPartial(TestEvents.partialReply(asked, "sable", "Sable", "Even"));
        publisher.publishPartial(TestEvents.partialReply(asked, "sable", "Sable", "Evening"));

        assertThat(registry.counter("acore.persona.partials.dropped").count()).isEqualTo(2);
    }
}
