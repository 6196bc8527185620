package io.acore.events.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** How one kind of model server is asked for a chat completion and how its answer reads, streamed or whole. */
interface WireFormat {
    /** Appended to the configured base URL. */
    String path();

    ObjectNode requestBody(List<ChatTurn> messages, CallOptions options, boolean streamed);

    /** Whether a response with this content type, to a call that asked for a stream or not, is read line by line. */
    boolean streams(String contentType, boolean streamed);

    /** One line of a streamed answer, or null for a line that carries nothing (separators, comments). */
    Chunk line(String line);

    /** An answer that came in one piece. */
    Chunk whole(String body);
}
