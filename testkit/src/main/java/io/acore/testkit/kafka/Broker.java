package io.acore.testkit.kafka;

/** The test broker, for tests of what happens when it goes away. */
public interface Broker {
    /** Stops the broker, as an outage would. */
    void stop();

    /** Starts a broker again on the same address after {@link #stop()}: an empty one, as after losing its disk. */
    void start();
}
