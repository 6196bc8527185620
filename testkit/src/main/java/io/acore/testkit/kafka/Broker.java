package io.acore.testkit.kafka;

/** The test broker, for tests of what happens when it goes away. */
public interface Broker {
    /** Stops the broker for good (for the rest of the test run of the profile that started it). */
    void stop();
}
