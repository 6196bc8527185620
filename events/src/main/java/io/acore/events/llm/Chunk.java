package io.acore.events.llm;

/**
 * What one piece of a model's answer carried: some text, whether the answer is complete, and what the server
 * reported about itself (null model and -1 token counts when it said nothing).
 */
record Chunk(String text, boolean done, String model, int promptTokens, int completionTokens) {
    static final Chunk DONE = new Chunk("", true, null, -1, -1);
}
