package io.acore.events.api;

import java.time.Instant;

/**
 * A stretch of an older conversation told in a few sentences, with when it began and ended: what memory recalls
 * when a message is about something the rolling summary has condensed away.
 */
public record Episode(Instant from, Instant until, String content) {
}
