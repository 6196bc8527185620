package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.requests.RestAction;
import org.junit.jupiter.api.Test;

/** A channel's webhook is looked up once while personas post there, and forgotten once they stop. */
class PersonaWebhooksTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker clock = nanos::get;
    private final JDA session = fake(JDA.class, (name, args) -> null);

    @Test
    void aChannelsWebhookIsKeptWhilePersonasPostThereAndLookedUpAgainAfterALongSilence() {
        PersonaWebhooks webhooks = new PersonaWebhooks(clock);
        AtomicInteger lookups = new AtomicInteger();
        IWebhookContainer channel = channel("101", lookups);

        for (int hour = 0; hour < 24; hour++) {
            assertThat(webhooks.forChannel(channel).join().getName()).isEqualTo(PersonaWebhooks.NAME);
            advance(Duration.ofHours(1));
        }
        assertThat(lookups).as("lookups while personas post every hour").hasValue(1);

        advance(PersonaWebhooks.KEPT_FOR);
        webhooks.forChannel(channel).join();
        assertThat(lookups).as("lookups after a silence longer than the webhook is kept").hasValue(2);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private IWebhookContainer channel(String id, AtomicInteger lookups) {
        Webhook ours = fake(Webhook.class, (name, args) -> switch (name) {
            case "getName" -> PersonaWebhooks.NAME;
            case "getToken" -> "token";
            case "getJDA" -> session;
            default -> null;
        });
        return fake(IWebhookContainer.class, (name, args) -> switch (name) {
            case "getId" -> id;
            case "getJDA" -> session;
            case "retrieveWebhooks" -> {
                lookups.incrementAndGet();
                yield fake(RestAction.class, (action, ignored) -> action.equals("submit")
                        ? CompletableFuture.completedFuture(List.of(ours)) : null);
            }
            default -> null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
                switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    case "toString" -> type.getSimpleName();
                    default -> answer.apply(method.getName(), args);
                });
    }
}
