package io.acore.memory.rest;

import io.acore.events.api.ContextRequest;
import io.acore.events.api.MemoryContext;
import io.acore.events.api.MemoryContextApi;
import io.acore.memory.service.ContextAssembler;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Path;

/** The context call persona-service makes before each answer. */
@Path("")
public class ContextResource implements MemoryContextApi {
    private static final int MOST_TOKENS = 100_000;

    private final ContextAssembler assembler;

    public ContextResource(ContextAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    public MemoryContext context(ContextRequest request) {
        if (request == null || request.conversationId() == null || request.userId() == null
                || request.personaId() == null || request.messageId() == null || request.message() == null) {
            throw new BadRequestException("conversationId, personaId, userId, messageId and message are required");
        }
        if (request.recentTokens() < 0 || request.recentTokens() > MOST_TOKENS) {
            throw new BadRequestException("recentTokens must be between 0 and " + MOST_TOKENS);
        }
        if (request.recentTurns() < 0) {
            throw new BadRequestException("recentTurns must not be negative");
        }
        return assembler.assemble(request);
    }
}
