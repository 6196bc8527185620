package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Author;
import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.gateway.service.ChatIntake;
import io.acore.gateway.service.MessageRejectedException;
import jakarta.inject.Singleton;
import java.time.Duration;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jboss.logging.Logger;

/**
 * Maps Discord messages to chat messages; bots, webhooks and the bot itself are not listened to. A message
 * Discord dispatches again (as it may when a session resumes) is taken in once.
 */
@Singleton
class DiscordMessageListener extends ListenerAdapter {
    private static final Logger LOG = Logger.getLogger(DiscordMessageListener.class);

    private final ChatIntake intake;
    private final Cache<String, Boolean> takenIn = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(15))
            .maximumSize(100_000).build();

    DiscordMessageListener(ChatIntake intake) {
        this.intake = intake;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        if (event.getAuthor().isBot() || message.isWebhookMessage()
                || takenIn.asMap().putIfAbsent(message.getId(), Boolean.TRUE) != null) {
            return;
        }
        ConversationId conversation = event.isFromGuild()
                ? ConversationId.discord(event.getGuild().getId(), event.getChannel().getId())
                : ConversationId.discordDirect(event.getChannel().getId());
        String name = event.getMember() != null ? event.getMember().getEffectiveName() : event.getAuthor().getEffectiveName();
        MessageReference reference = message.getMessageReference();
        Message answered = message.getReferencedMessage();
        Author answeredAuthor = answered == null ? null : new Author(Platform.DISCORD.userId(answered.getAuthor().getId()),
                answered.getAuthor().getName(), answered.getAuthor().isBot() || answered.isWebhookMessage());
        intake.accept(conversation, message.getId(), new Author(Platform.DISCORD.userId(event.getAuthor().getId()), name, false),
                        message.getContentDisplay(), reference == null ? null : reference.getMessageId(), answeredAuthor)
                .subscribe().with(accepted -> { }, failure -> {
                    if (failure instanceof MessageRejectedException rejected) {
                        if (rejected.tellUser()) {
                            message.reply(rejected.getMessage()).mentionRepliedUser(false).queue();
                        }
                    } else {
                        takenIn.invalidate(message.getId());
                        LOG.errorf("Could not pass on Discord message %s: %s", message.getId(), failure.getMessage());
                    }
                });
    }
}
