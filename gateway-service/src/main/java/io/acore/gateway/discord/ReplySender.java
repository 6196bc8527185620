package io.acore.gateway.discord;

import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Sha256;
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
    /** Discord takes a nonce of at most 25 characters. */
    private static final int MAX_NONCE = 25;

    /** The text that is split into messages: the reply's, with the persona's name in front when the bot posts it. */
    abstract String text(Reply reply);

    /**
     * Posts a piece. {@code nonce} ({@link #nonce}) is the piece's own: the bot sends it with {@code enforce_nonce},
     * so Discord answers a piece it already has with that message instead of posting it twice.
     */
    abstract RestAction<Message> send(String piece, String nonce);

    /** Whether Discord itself keeps a piece sent again from being posted twice (the bot's nonce; webhooks have none). */
    abstract boolean sendsOnce();

    /** Whether {@code message} was posted the way this sender posts: by this persona's webhook, or by the bot. */
    abstract boolean posted(Message message);

    abstract RestAction<Message> edit(String messageId, String piece);

    abstract RestAction<Void> delete(String messageId);

    static ReplySender persona(Webhook webhook, String name, String threadId, Reply reply) {
        return new ReplySender() {
            @Override
            String text(Reply ignored) {
                return ignored.content();
            }

            @Override
            RestAction<Message> send(String piece, String nonce) {
                var message = webhook.sendMessage(piece).setUsername(name).setAvatarUrl(reply.persona().avatarUrl())
                        .setAllowedMentions(PINGABLE);
                return threadId == null ? message : message.setThreadId(threadId);
            }

            @Override
            boolean sendsOnce() {
                return false;
            }

            @Override
            boolean posted(Message message) {
                return message.isWebhookMessage() && message.getAuthor().getId().equals(webhook.getId())
                        && message.getAuthor().getName().equals(name);
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

    /** Piece {@code piece} (counted from 0) of the reply's own nonce: the same whoever posts it, whenever. */
    static String nonce(Reply reply, int piece) {
        return Sha256.hex(reply.id() + "#" + piece).substring(0, MAX_NONCE);
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
            RestAction<Message> send(String piece, String nonce) {
                return channel.sendMessage(piece).setNonce(nonce).setAllowedMentions(PINGABLE);
            }

            @Override
            boolean sendsOnce() {
                return true;
            }

            @Override
            boolean posted(Message message) {
                return !message.isWebhookMessage()
                        && message.getAuthor().getId().equals(channel.getJDA().getSelfUser().getId());
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
