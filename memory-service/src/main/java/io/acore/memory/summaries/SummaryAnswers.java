package io.acore.memory.summaries;

import java.util.regex.Pattern;

/**
 * Reads the thinking model's answer to a fold as a summary, or refuses it: every later fold builds on what is
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

    /** The summary the answer holds; {@link IllegalArgumentException} when it holds none. */
    static String read(String answer) {
        String summary = PREAMBLE.matcher(answer.strip()).replaceFirst("").strip();
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
