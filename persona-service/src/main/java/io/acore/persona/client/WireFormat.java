package io.acore.persona.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** How one kind of model server is asked for a chat completion and how its streamed answer reads. */
interface WireFormat {
    /** Appended to the configured base URL. */
    String path();

    ObjectNode requestBody(List<ChatTurn> messages);

    /** Whether a response with this content type is read line by line (else it came whole). */
    boolean streams(String contentType);

    /** One line of a streamed answer, or null for a line that carries nothing (separators, comments). */
    Chunk line(String line);

    /** An answer that came in one piece. */
    Chunk whole(String body);
}
