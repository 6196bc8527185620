package io.acore.events.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;

/**
 * Keeps double quotes out of every meter's help text, the libraries' own included (Micrometer's process binder
 * writes {@code The "recent cpu usage" …}): the Prometheus scrape escapes them as {@code \"}, which its text format
 * does not allow in a {@code # HELP} line, and {@code promtool check metrics} rejects the whole scrape. Every service
 * applies it (Micrometer takes every {@link MeterFilter} bean).
 */
@Singleton
public class PlainHelpTexts implements MeterFilter {
    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        if (description == null || description.indexOf('"') < 0) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(), description.replace('"', '\''), id.getType());
    }
}
