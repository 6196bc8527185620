package io.acore.gateway.discord;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/** Why posting a reply did not work, and whether trying again may help. */
final class DiscordFailures {
    private DiscordFailures() {
    }

    /** Discord will not take the reply however often it is sent (missing channel or permission, bad request). */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String reason) {
            super(reason);
        }
    }

    /** The Discord session is not connected (yet): the channel may appear once it is. */
    static final class NotConnected extends RuntimeException {
        NotConnected(String status) {
            super("Discord is not connected (" + status + ")");
        }
    }

    /** The channel has 15 webhooks of other apps: the personas post there as the bot. */
    static final class NoWebhookSlot extends RuntimeException {
        NoWebhookSlot(String channelId) {
            super("channel " + channelId + " has no free webhook slot");
        }
    }

    /** The conversation's shard is run by another gateway process now, which delivers the reply. */
    static final class Released extends RuntimeException {
        Released(String replyId) {
            super("reply " + replyId + " is left to the gateway process that runs its shard now");
        }
    }

    /** Another process holds the claim on the reply; it finishes it, or its claim lapses. */
    static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere(String replyId) {
            super("reply " + replyId + " is being posted by another gateway process");
        }
    }

    static final class DatabaseUnavailable extends RuntimeException {
        DatabaseUnavailable(SQLException cause) {
            super("the delivery records are out of reach: " + cause.getMessage(), cause);
        }
    }

    /** Server errors, timeouts, lost connections and deleted webhooks pass; refusals of the request do not. */
    static boolean mayPass(Throwable failure) {
        Throwable cause = unwrapped(failure);
        if (cause instanceof Undeliverable || cause instanceof PermissionException || cause instanceof NotConnected
                || cause instanceof Released || cause instanceof HeldElsewhere || cause instanceof DatabaseUnavailable) {
            return false;
        }
        if (cause instanceof ErrorResponseException response) {
            return response.isServerError() || response.getErrorResponse() == ErrorResponse.UNKNOWN_WEBHOOK;
        }
        return true;
    }

    static boolean unknownWebhook(Throwable failure) {
        return isError(failure, ErrorResponse.UNKNOWN_WEBHOOK);
    }

    /**
     * The persona cannot have a webhook in the channel, for good: the bot may not manage webhooks there, or the
     * channel has no free slot. Then it posts as the bot; any other failure is tried again, as the persona.
     */
    static boolean noWebhookPossible(Throwable failure) {
        Throwable cause = unwrapped(failure);
        return cause instanceof PermissionException || cause instanceof NoWebhookSlot || noWebhookSlot(failure)
                || isError(failure, ErrorResponse.MISSING_PERMISSIONS) || isError(failure, ErrorResponse.MISSING_ACCESS);
    }

    /** Discord has no free webhook slot in the channel (15 webhooks already). */
    static boolean noWebhookSlot(Throwable failure) {
        return isError(failure, ErrorResponse.MAX_WEBHOOKS);
    }

    /** A message that cannot be edited any more: deleted, or posted by a webhook that was deleted since. */
    static boolean unreachableMessage(Throwable failure) {
        return isError(failure, ErrorResponse.UNKNOWN_MESSAGE) || isError(failure, ErrorResponse.UNKNOWN_WEBHOOK);
    }

    private static boolean isError(Throwable failure, ErrorResponse error) {
        return unwrapped(failure) instanceof ErrorResponseException response && response.getErrorResponse() == error;
    }

    static String reasonOf(Throwable failure) {
        Throwable cause = unwrapped(failure);
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
