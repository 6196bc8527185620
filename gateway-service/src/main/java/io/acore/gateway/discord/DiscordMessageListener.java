package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Author;
import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.events.lanes.ConversationOrder;
import io.acore.gateway.service.ChatIntake;
import io.acore.gateway.service.MessageRejectedException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.Mentions;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.message.MessageBulkDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jboss.logging.Logger;

/**
 * Maps Discord messages to chat messages; bots, webhooks and the bot itself are not listened to. A message
 * Discord dispatches again (as it may when a session resumes) is taken in once. A member's edit or deletion of a
 * message is passed on as a change, so that memory remembers it as edited, or forgets it. Each server channel's newest
 * message taken in is noted in {@link ChannelCursors}, where {@link DiscordCatchUp} starts after a restart.
 */
@Singleton
class DiscordMessageListener extends ListenerAdapter {
    private static final Logger LOG = Logger.getLogger(DiscordMessageListener.class);

    private final ChatIntake intake;
    private final ChannelCursors cursors;
    private final Cache<String, Boolean> takenIn = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(15))
            .maximumSize(100_000).build();
    private final ConversationOrder inOrder = new ConversationOrder();

    DiscordMessageListener(ChatIntake intake, ChannelCursors cursors) {
        this.intake = intake;
        this.cursors = cursors;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        take(event.getMessage());
    }

    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
        Message message = event.getMessage();
        if (!message.getAuthor().isBot() && !message.isWebhookMessage()) {
            passOn(conversationOf(message.getChannel(), message.isFromGuild() ? message.getGuild() : null),
                    message.getId(), message.getContentDisplay());
        }
    }

    @Override
    public void onMessageDelete(MessageDeleteEvent event) {
        passOn(conversationOf(event.getChannel(), event.isFromGuild() ? event.getGuild() : null),
                event.getMessageId(), null);
    }

    @Override
    public void onMessageBulkDelete(MessageBulkDeleteEvent event) {
        ConversationId conversation = conversationOf(event.getChannel(), event.getGuild());
        event.getMessageIds().forEach(id -> passOn(conversation, id, null));
    }

    /** An edit ({@code content}: the text now) or a deletion (null) of a message, passed on to memory. */
    private void passOn(ConversationId conversation, String messageId, String content) {
        intake.changed(conversation, messageId, content).subscribe().with(done -> { }, failure -> LOG.errorf(
                "Could not pass on the %s of Discord message %s: %s", content == null ? "deletion" : "edit",
                messageId, failure.getMessage()));
    }

    private static ConversationId conversationOf(MessageChannel channel, Guild guild) {
        return guild != null ? ConversationId.discord(guild.getId(), channel.getId())
                : ConversationId.discordDirect(channel.getId());
    }

    /**
     * Takes in a member's message, live or found in the channel's history; once per message, a conversation's in the
     * order they come, off Discord's event thread.
     */
    void take(Message message) {
        if (message.getAuthor().isBot() || message.isWebhookMessage()
                || takenIn.asMap().putIfAbsent(message.getId(), Boolean.TRUE) != null) {
            return;
        }
        ConversationId conversation = conversationOf(message.getChannel(),
                message.isFromGuild() ? message.getGuild() : null);
        // off Discord's event thread: taking a message in waits for the database (the member's rate limit)
        inOrder.after(conversation, () -> CompletableFuture.runAsync(() -> takeIn(conversation, message),
                Infrastructure.getDefaultWorkerPool()));
    }

    private void takeIn(ConversationId conversation, Message message) {
        try {
            accept(conversation, message);
        } catch (RuntimeException e) {
            notTaken(message, e);
        }
    }

    private void accept(ConversationId conversation, Message message) {
        String name = message.getMember() != null ? message.getMember().getEffectiveName()
                : message.getAuthor().getEffectiveName();
        MessageReference reference = message.getMessageReference();
        Message answered = message.getReferencedMessage();
        intake.accept(conversation, message.getId(), new Author(Platform.DISCORD.userId(message.getAuthor().getId()), name, false),
                        message.getContentDisplay(), reference == null ? null : reference.getMessageId(),
                        answered == null ? null : authorOf(answered), callsOnBot(message, answered),
                        ChannelAudience.restrictedTo(message))
                .subscribe().with(accepted -> noteTaken(message), failure -> {
                    if (failure instanceof MessageRejectedException rejected) {
                        noteTaken(message);
                        if (rejected.tellUser()) {
                            message.reply(rejected.getMessage()).mentionRepliedUser(false).queue();
                        }
                    } else {
                        notTaken(message, failure);
                    }
                });
    }

    /** Forgets that the message was taken in, so that Discord dispatching it again or the catch-up takes it in. */
    private void notTaken(Message message, Throwable failure) {
        takenIn.invalidate(message.getId());
        LOG.errorf("Could not pass on Discord message %s: %s", message.getId(), failure.getMessage());
    }

    /** Who wrote a message; for a persona's reply the bot posted itself, the persona, as its webhook would show. */
    private static Author authorOf(Message message) {
        User author = message.getAuthor();
        String name = postedByBot(message)
                ? ReplySender.personaPostedByBot(message.getContentRaw()).orElse(author.getName()) : author.getName();
        return new Author(Platform.DISCORD.userId(author.getId()), name, author.isBot() || message.isWebhookMessage());
    }

    /** An @mention of the bot (its user, or the role Discord gave it in the server) or a reply to what it posted. */
    private static boolean callsOnBot(Message message, Message answered) {
        Mentions mentions = message.getMentions();
        Role botRole = message.isFromGuild() ? message.getGuild().getBotRole() : null;
        return mentions.isMentioned(message.getJDA().getSelfUser(), MentionType.USER)
                || botRole != null && mentions.getRoles().contains(botRole)
                || answered != null && postedByBot(answered);
    }

    private static boolean postedByBot(Message message) {
        return !message.isWebhookMessage() && message.getAuthor().getIdLong() == message.getJDA().getSelfUser().getIdLong();
    }

    private void noteTaken(Message message) {
        String directUser = message.isFromGuild() ? null : message.getAuthor().getId();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                cursors.taken(message.getChannel().getId(), message.getId(), directUser);
            } catch (SQLException e) {
                LOG.warnf("Could not note Discord message %s as taken in: %s", message.getId(), e.getMessage());
            }
        });
    }
}
