package io.acore.gateway.discord;

import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import java.util.EnumSet;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * How one reply's messages reach a channel and change there: through the persona webhook (its name and avatar; in a
 * thread, the parent channel's webhook with the thread's id), or as the bot with the persona's name in front.
 * Only users may be pinged by what personas write; never everyone/here or roles.
 */
abstract class ReplySender {
    private static final EnumSet<MentionType> PINGABLE = EnumSet.of(MentionType.USER);
    private static final Pattern NAME_IN_FRONT = Pattern.compile("^\\*\\*([^*\\n]{1,80})\\*\\*: ");

    /** The text that is split into messages: the reply's, with the persona's name in front when the bot posts it. */
    abstract String text(Reply reply);

    abstract RestAction<Message> send(String piece);

    abstract RestAction<Message> edit(String messageId, String piece);

    abstract RestAction<Void> delete(String messageId);

    static ReplySender persona(Webhook webhook, String name, String threadId, Reply reply) {
        return new ReplySender() {
            @Override
            String text(Reply ignored) {
                return ignored.content();
            }

            @Override
            RestAction<Message> send(String piece) {
                var message = webhook.sendMessage(piece).setUsername(name).setAvatarUrl(reply.persona().avatarUrl())
                        .setAllowedMentions(PINGABLE);
                return threadId == null ? message : message.setThreadId(threadId);
            }

            @Override
            RestAction<Message> edit(String messageId, String piece) {
                var edit = webhook.editMessageById(messageId, piece).setAllowedMentions(PINGABLE);
                return threadId == null ? edit : edit.setThreadId(threadId);
            }

            @Override
            RestAction<Void> delete(String messageId) {
                var delete = webhook.deleteMessageById(messageId);
                return threadId == null ? delete : delete.setThreadId(threadId);
            }
        };
    }

    /** The persona whose reply the bot posted itself in this text (its first message), if it is one. */
    static Optional<String> personaPostedByBot(String text) {
        Matcher named = NAME_IN_FRONT.matcher(text);
        return named.find() ? Optional.of(named.group(1)) : Optional.empty();
    }

    static ReplySender bot(MessageChannel channel) {
        return new ReplySender() {
            @Override
            String text(Reply reply) {
                return reply.kind() == ReplyKind.NOTICE ? "*" + reply.content() + "*"
                        : "**" + reply.persona().name() + "**: " + reply.content();
            }

            @Override
            RestAction<Message> send(String piece) {
                return channel.sendMessage(piece).setAllowedMentions(PINGABLE);
            }

            @Override
            RestAction<Message> edit(String messageId, String piece) {
                return channel.editMessageById(messageId, piece).setAllowedMentions(PINGABLE);
            }

            @Override
            RestAction<Void> delete(String messageId) {
                return channel.deleteMessageById(messageId);
            }
        };
    }
}
