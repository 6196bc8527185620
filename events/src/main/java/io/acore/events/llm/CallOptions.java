package io.acore.events.llm;

/**
 * How one kind of call asks the model: the longest answer in tokens, the context window (Ollama's
 * {@code num_ctx}), the temperature, whether the answer must be a JSON object (OpenAI's
 * {@code response_format}, Ollama's {@code format}), and another model on the same server than the endpoint's
 * ({@code model}; null: the endpoint's).
 */
public record CallOptions(int maxTokens, int contextTokens, double temperature, boolean json, String model) {
    public CallOptions(int maxTokens, int contextTokens, double temperature, boolean json) {
        this(maxTokens, contextTokens, temperature, json, null);
    }

    /** A reply: the main settings, free text. */
    public static CallOptions reply(LlmSettings settings) {
        return new CallOptions(settings.maxTokens(), settings.contextTokens(), settings.temperature(), false);
    }

    /** These options with what is given instead (null: as they are). */
    public CallOptions with(String otherModel, Double otherTemperature, Integer otherMaxTokens) {
        return new CallOptions(otherMaxTokens == null ? maxTokens : otherMaxTokens, contextTokens,
                otherTemperature == null ? temperature : otherTemperature, json, otherModel == null ? model : otherModel);
    }

    /** The model to ask for: this call's own, else the endpoint's. */
    String modelOr(String endpointModel) {
        return model == null ? endpointModel : model;
    }
}
