package io.acore.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field that a testkit test resource fills with what it started: the {@link
 * io.acore.testkit.discord.FakeDiscord}, the stub model's {@link io.acore.testkit.model.ModelScript}, the
 * {@link io.acore.testkit.kafka.Broker} or the {@link io.acore.testkit.postgres.Database}. The Kafka companion
 * comes the Quarkus way, with {@code @InjectKafkaCompanion}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectTestResource {
}
