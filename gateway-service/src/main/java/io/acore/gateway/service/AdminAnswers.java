package io.acore.gateway.service;

import io.acore.events.CommandAnswer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin API's commands waiting for their answer on {@code acore.command.answers}: every gateway process reads
 * every answer, and the one whose caller waits completes its request.
 */
@ApplicationScoped
public class AdminAnswers {
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    /** The answer to the command, once it comes; a failure after {@code patience}. */
    public Uni<String> awaited(String commandId, Duration patience) {
        CompletableFuture<String> answer = waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
        return Uni.createFrom().completionStage(answer).ifNoItem().after(patience).fail()
                .onTermination().invoke(() -> waiting.remove(commandId));
    }

    /** Stops waiting for a command that could not be handed over. */
    public void forget(String commandId) {
        waiting.remove(commandId);
    }

    /** Whether a caller here waits for this answer (then it gets it). */
    public boolean answered(CommandAnswer answer) {
        CompletableFuture<String> caller = waiting.remove(answer.commandId());
        return caller != null && caller.complete(answer.text());
    }
}
