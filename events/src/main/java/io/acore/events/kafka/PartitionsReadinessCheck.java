package io.acore.events.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until every Kafka consumer of this service has joined its group and been given its partitions: a
 * restarted instance that says UP before that would be taken for one that is working while nothing is processed.
 * Rebalances later on do not make it unready (they are short, and every replica would flap at once).
 */
@Readiness
@ApplicationScoped
public class PartitionsReadinessCheck implements HealthCheck {
    private final KafkaClientService clients;
    private final PartitionAssignments assignments;

    PartitionsReadinessCheck(KafkaClientService clients,
            @Identifier(PartitionAssignments.NAME) PartitionAssignments assignments) {
        this.clients = clients;
        this.assignments = assignments;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka partitions").up();
        for (String channel : clients.getConsumerChannels()) {
            Object group = clients.getConsumer(channel).configuration().get("group.id");
            Optional<Integer> held = assignments.held(String.valueOf(group));
            if (held.isEmpty()) {
                response.down().withData(channel, "joining group " + group);
            } else {
                response.withData(channel, held.get() + " partitions");
            }
        }
        return response.build();
    }
}
