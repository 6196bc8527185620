package io.acore.persona.messaging;

import io.acore.events.kafka.PartitionsRevoked;
import io.acore.persona.config.PersonaConfig;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The replies being written for each partition of the chat messages, so that a partition handed to another replica
 * changes hands without both writing the same reply: the revoke waits (up to {@code acore.persona.hand-over-wait})
 * until the replies in progress are published and marked answered, which the new owner then sees; messages not
 * started yet are left to it.
 */
@ApplicationScoped
public class RepliesInHand {
    private static final Logger LOG = Logger.getLogger(RepliesInHand.class);

    private final String group;
    private final Duration wait;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    public RepliesInHand(@ConfigProperty(name = "mp.messaging.incoming.chat-inbound.group.id") String group,
            PersonaConfig config) {
        this.group = group;
        this.wait = config.handOverWait();
    }

    /** The message's hold on its partition, taken as it is read. */
    public Hold hold(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> partitions.computeIfAbsent(new TopicPartition(kafka.getTopic(), kafka.getPartition()),
                        partition -> new Partition()).hold())
                .orElse(Hold.UNCHANGING);
    }

    void revoked(@Observes PartitionsRevoked revoked) {
        if (!revoked.group().equals(group)) {
            return;
        }
        CompletableFuture<?>[] running = revoked.partitions().stream().map(partitions::get)
                .filter(partition -> partition != null).flatMap(partition -> partition.giveUp().stream())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(running).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Gave up partitions %s with replies still being written after %s; their new owner may write"
                    + " them again under the same ids", revoked.partitions(), wait);
        } catch (ExecutionException e) {
            // a reply that failed has been dealt with where it failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a message read from a partition may do while this replica holds that partition. */
    public interface Hold {
        Hold UNCHANGING = new Hold() {
            @Override
            public boolean held() {
                return true;
            }

            @Override
            public void runWhileHeld(Runnable work) {
                work.run();
            }
        };

        /** Whether the partition is still this replica's since the message was read. */
        boolean held();

        /** Runs {@code work} if the partition is still held, counting it in progress until it ends. */
        void runWhileHeld(Runnable work);
    }

    /** One partition's replies in progress, and how many times it was given up. */
    private static final class Partition {
        private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
        private long givenUp;

        synchronized Hold hold() {
            long readWhile = givenUp;
            return new Hold() {
                @Override
                public boolean held() {
                    synchronized (Partition.this) {
                        return givenUp == readWhile;
                    }
                }

                @Override
                public void runWhileHeld(Runnable work) {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    synchronized (Partition.this) {
                        if (givenUp != readWhile) {
                            return;
                        }
                        running.add(done);
                    }
                    try {
                        work.run();
                    } finally {
                        running.remove(done);
                        done.complete(null);
                    }
                }
            };
        }

        synchronized Set<CompletableFuture<Void>> giveUp() {
            givenUp++;
            return Set.copyOf(running);
        }
    }
}
