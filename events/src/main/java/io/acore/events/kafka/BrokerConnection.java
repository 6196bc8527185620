package io.acore.events.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a Kafka client a service makes by hand (an admin client, a consumer outside the channels) reaches the broker:
 * the address and the sign-in its channels use, nothing of theirs besides.
 */
@ApplicationScoped
public class BrokerConnection {
    private final Map<String, Object> settings;

    BrokerConnection(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.settings = kafka.entrySet().stream().filter(setting -> connects(setting.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static boolean connects(String key) {
        return key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                || key.startsWith("ssl.");
    }

    public Map<String, Object> settings() {
        return settings;
    }
}
