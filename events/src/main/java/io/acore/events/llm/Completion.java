package io.acore.events.llm;

import java.time.Duration;

/** A finished model answer; token counts are -1 when the server did not report them. */
public record Completion(String text, String model, int promptTokens, int completionTokens, Duration firstToken,
        Duration total) {
}
