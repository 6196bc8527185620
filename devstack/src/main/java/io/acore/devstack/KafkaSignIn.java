package io.acore.devstack;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** How a client signs in to a broker that asks for it, as the services do: SCRAM-SHA-512 with a user and password. */
public final class KafkaSignIn {
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    private KafkaSignIn() {
    }

    /** The client settings that sign in as {@code user}; the password goes in quotes, so it must hold none. */
    public static Map<String, String> settings(String user, String password) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
    }

    static String jaas(String user, String password) {
        if (password.contains("\"") || user.contains("\"")) {
            throw new IllegalArgumentException("a Kafka user or password must not hold a double quote");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
