package io.acore.gateway.messaging;

import io.acore.events.CommandAnswer;
import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.gateway.discord.DiscordConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Shows the answers other services give to slash commands. Every process reads every answer (a consumer group of its
 * own, from when it started); the one running the shard that hears the command's server shows it, as it would a
 * reply. An answer Discord no longer takes (the command is over 15 minutes old) is logged and passed over.
 */
@ApplicationScoped
public class CommandAnswerConsumer {
    private static final Logger LOG = Logger.getLogger(CommandAnswerConsumer.class);

    private final DiscordConnection discord;

    public CommandAnswerConsumer(DiscordConnection discord) {
        this.discord = discord;
    }

    @Incoming("command-answers")
    public CompletionStage<Void> onAnswer(Message<String> record) {
        CommandAnswer answer;
        try {
            answer = EventCodec.decode(record.getPayload(), CommandAnswer.class);
        } catch (MalformedEventException e) {
            return record.nack(e);
        }
        return discord.answerInteraction(answer.conversationId(), answer.interactionToken(), answer.text())
                .<CompletionStage<?>>map(shown -> shown.exceptionally(e -> {
                    LOG.warnf("The answer to command %s could not be shown: %s", answer.commandId(), e.getMessage());
                    return null;
                }))
                .orElse(CompletableFuture.completedFuture(null))
                .thenCompose(done -> record.ack());
    }
}
