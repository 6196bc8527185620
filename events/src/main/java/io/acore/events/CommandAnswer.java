package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * The answer to a slash command another service ran (topic {@link Topics#COMMAND_ANSWERS}, keyed by the command's
 * conversation): the gateway process whose shard hears that conversation shows it to the member, privately, in place
 * of "thinking…".
 *
 * @param commandId        the id of the command answered
 * @param interactionToken the token the command came with
 */
public record CommandAnswer(int v, String id, String traceId, String commandId, String interactionToken,
        ConversationId conversationId, String text, Map<String, Instant> stages) implements Event {

    public CommandAnswer {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(commandId, "commandId");
        Require.text(interactionToken, "interactionToken");
        Require.present(conversationId, "conversationId");
        Require.text(text, "text");
        stages = Stage.copyOf(stages);
    }

    /** One answer per command: the same command answered again is the same answer. */
    public static CommandAnswer to(MemberCommand command, String text) {
        return new CommandAnswer(SCHEMA_VERSION, "answer-" + command.id(), command.traceId(), command.id(),
                command.interactionToken(), command.conversationId(), text, command.stages());
    }
}
