package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the LoCoMo benchmark writes, when asked ({@code LOCOMO_PROMPTS=<file>}), one JSON line per
 * question: the question, its category and evidence, the evidence found, and the prompt the model received (through
 * the chat) or the context call's answer, to read what took the places of the evidence that was missed.
 */
final class PromptLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    private PromptLog(BufferedWriter out) {
        this.out = out;
    }

    static PromptLog open(String file) throws IOException {
        return new PromptLog(file == null || file.isBlank() ? null : Files.newBufferedWriter(Path.of(file)));
    }

    /** {@code received}: the model's request through the chat, or the context call's answer. */
    void write(LocomoRecall.Question question, Set<String> found, JsonNode received) {
        if (out == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("conversation", question.conversation());
        line.put("question", question.text());
        line.put("category", question.category());
        line.set("evidence", JSON.valueToTree(question.evidence()));
        line.set("found", JSON.valueToTree(new TreeSet<>(found)));
        line.set("received", received);
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
