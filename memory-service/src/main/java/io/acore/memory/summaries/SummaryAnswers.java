package io.acore.memory.summaries;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.memory.client.JsonAnswers;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the thinking model's answer to a fold — {@code {"summary": …, "episode": …}}, or, from a model that did not
 * answer in JSON, the summary as plain text and no episode — or refuses it: every later fold builds on what is
 * stored, so a preamble ("Here is the updated summary:") is dropped, and a refusal or an empty answer is no summary
 * at all (reasoning blocks are gone already: the thinking model's client strips them).
 */
final class SummaryAnswers {
    private static final Pattern PREAMBLE = Pattern.compile(
            "^(?:(?:sure|certainly|of course|okay|ok)[!,.]?\\s+)?(?:here(?: is|'s)[^\\n:]{0,40}summary[^\\n:]{0,20}|"
                    + "(?:new |updated )?summary)\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL = Pattern.compile(
            "^(?:i'?m sorry|i am sorry|sorry,|i can(?:no|')t|i am unable|i'm unable|as an ai)", Pattern.CASE_INSENSITIVE);

    private SummaryAnswers() {
    }

    /** The new summary, and what the folded turns alone were about when the answer tells it. */
    record Fold(String summary, Optional<String> episode) {
    }

    /** The fold the answer holds; {@link IllegalArgumentException} when it holds no summary. */
    static Fold read(String answer) {
        JsonNode object = JsonAnswers.object(answer);
        if (!object.path("summary").isTextual()) {
            return new Fold(summary(answer), Optional.empty());
        }
        String episode = object.path("episode").asText("").strip();
        return new Fold(summary(object.path("summary").asText()),
                episode.isEmpty() || REFUSAL.matcher(episode).find() ? Optional.empty() : Optional.of(episode));
    }

    private static String summary(String text) {
        String summary = PREAMBLE.matcher(text.strip()).replaceFirst("").strip();
        if (summary.isEmpty()) {
            throw new IllegalArgumentException("the thinking model's answer held no summary");
        }
        if (REFUSAL.matcher(summary).find()) {
            throw new IllegalArgumentException("the thinking model declined to summarise: "
                    + summary.substring(0, Math.min(80, summary.length())));
        }
        return summary;
    }
}
