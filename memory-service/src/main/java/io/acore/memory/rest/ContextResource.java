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
        // any budget is taken as a ceiling (a model with a 128k-token window leaves the turns about 127,000); the
        // number of turns read is bounded by the service's own setting
        if (request.recentTokens() < 0 || request.recentTurns() < 0) {
            throw new BadRequestException("recentTokens and recentTurns must not be negative");
        }
        return assembler.assemble(request);
    }
}
