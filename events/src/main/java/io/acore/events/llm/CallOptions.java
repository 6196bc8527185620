package io.acore.events.llm;

/**
 * How one kind of call asks the model: the longest answer in tokens, the context window (Ollama's
 * {@code num_ctx}), the temperature, and whether the answer must be a JSON object (OpenAI's
 * {@code response_format}, Ollama's {@code format}).
 */
public record CallOptions(int maxTokens, int contextTokens, double temperature, boolean json) {
    /** A reply: the main settings, free text. */
    public static CallOptions reply(LlmSettings settings) {
        return new CallOptions(settings.maxTokens(), settings.contextTokens(), settings.temperature(), false);
    }
}
