package io.acore.gateway.messaging;

import io.acore.events.CommandAnswer;
import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.Platform;
import io.acore.gateway.discord.DiscordConnection;
import io.acore.gateway.service.AdminAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Shows the answers other services give to slash commands. Every process reads every answer (a consumer group of its
 * own, from when it started); the one running the shard that hears the command's server shows it, as it would a
 * reply; the web chat's admin API gets its answers the same way ({@link AdminAnswers}). An answer Discord no longer
 * takes (the command is over 15 minutes old) is logged and passed over.
 */
@ApplicationScoped
public class CommandAnswerConsumer {
    private static final Logger LOG = Logger.getLogger(CommandAnswerConsumer.class);

    private final DiscordConnection discord;
    private final AdminAnswers admin;

    public CommandAnswerConsumer(DiscordConnection discord, AdminAnswers admin) {
        this.discord = discord;
        this.admin = admin;
    }

    @Incoming("command-answers")
    public CompletionStage<Void> onAnswer(Message<String> record) {
        CommandAnswer answer;
        try {
            answer = EventCodec.decode(record.getPayload(), CommandAnswer.class);
        } catch (MalformedEventException e) {
            return record.nack(e);
        }
        if (answer.conversationId().platform() == Platform.WEB) {
            admin.answered(answer);
            return record.ack();
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
