package io.acore.events.api;

import java.time.Instant;

/**
 * An older item that looks relevant to the message being answered.
 *
 * @param kind   message, summary or document
 * @param source who wrote it (a message's author name), or the document's file name; {@code null} for a summary
 * @param score  how relevant, higher is better (fused vector and keyword ranks; only its order means something)
 */
public record Recall(String kind, String source, String content, Instant at, double score) {
}
