package io.acore.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field that a testkit test resource fills with what it started: the broker's
 * {@link io.acore.testkit.kafka.KafkaTopics} or the {@link io.acore.testkit.kafka.Broker} itself, the
 * {@link io.acore.testkit.discord.FakeDiscord}, the stub model's {@link io.acore.testkit.model.ModelScript}, or
 * the {@link io.acore.testkit.postgres.Database}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectTestResource {
}
