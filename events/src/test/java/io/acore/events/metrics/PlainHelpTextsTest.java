package io.acore.events.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PlainHelpTextsTest {

    @Test
    void helpTextsLoseTheirDoubleQuotesAndKeepEverythingElse() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new PlainHelpTexts());
        Gauge.builder("process.cpu.usage", () -> 0.5).description("The \"recent cpu usage\" for the process")
                .tag("service", "persona").register(registry);
        Counter.builder("acore.things").description("things counted").register(registry);

        Gauge gauge = registry.get("process.cpu.usage").gauge();
        assertThat(gauge.getId().getDescription()).isEqualTo("The 'recent cpu usage' for the process");
        assertThat(gauge.getId().getTag("service")).isEqualTo("persona");
        assertThat(registry.get("acore.things").counter().getId().getDescription()).isEqualTo("things counted");
    }
}
