package io.acore.events.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** acore's meters, each registered with the help text Prometheus shows for it. */
public final class Meters {
    private Meters() {
    }

    /** The counter of this name and tags (key, value, …), registered with its help text the first time. */
    public static Counter counter(MeterRegistry registry, String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    /** A gauge reading {@code number}, which the caller keeps (the registry holds it weakly); returns it. */
    public static <T extends Number> T gauge(MeterRegistry registry, String name, String help, T number) {
        Gauge.builder(name, number, Number::doubleValue).description(help).register(registry);
        return number;
    }
}
