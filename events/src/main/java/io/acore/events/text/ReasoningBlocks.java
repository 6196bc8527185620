package io.acore.events.text;

import java.util.regex.Pattern;

/**
 * What "thinking" models write before their answer: {@code <think>…</think>} (also {@code <thinking>}) reasoning.
 * It is never part of the answer; an unfinished block hides everything after it, so a stream cut mid-thought shows
 * nothing of it.
 */
public final class ReasoningBlocks {
    private static final Pattern CLOSED = Pattern.compile("<(think|thinking)>.*?</\\1>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern UNFINISHED = Pattern.compile("<(think|thinking)>.*",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private ReasoningBlocks() {
    }

    /** The text without its reasoning blocks. */
    public static String strip(String text) {
        return UNFINISHED.matcher(CLOSED.matcher(text).replaceAll("")).replaceAll("");
    }
}
