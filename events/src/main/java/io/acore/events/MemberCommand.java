package io.acore.events;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A member ran a slash command in a server that a service other than the gateway owns (or the web chat's operator
 * gave one through the gateway's admin API), handed to it on its topic keyed by server: persona-service's {@code /persona …} and {@code /relationship} ({@link Topics#PERSONA_COMMANDS}),
 * analytics-service's {@code /status} ({@link Topics#ANALYTICS_COMMANDS}). The owner decides, by the permissions the
 * member has in the channel, whether they may, and answers with a {@link CommandAnswer}.
 *
 * @param id               the interaction's id: the same command read twice is run once
 * @param interactionToken what the answer is given with (Discord keeps it valid for 15 minutes)
 * @param conversationId   the channel the command was run in
 * @param memberId         the member's user id ({@link Platform#userId})
 * @param memberMay        the member's permissions in that channel that commands ask for
 * @param command          the full command name, for example {@code persona import}
 * @param options          the command's options by name, as text
 * @param attachment       the file given with it, if any (a card to import)
 */
public record MemberCommand(int v, String id, String traceId, String interactionToken, ConversationId conversationId,
        String memberId, Set<MemberPermission> memberMay, String command, Map<String, String> options,
        Attachment attachment, Map<String, Instant> stages) implements Event {

    /** Permissions a member may hold that commands ask for. */
    public enum MemberPermission {
        MANAGE_SERVER, MANAGE_CHANNELS
    }

    /** A file given with a command, at a URL of Discord's. */
    public record Attachment(String filename, String url, long size) {
        public Attachment {
            Require.text(filename, "attachment.filename");
            Require.text(url, "attachment.url");
        }
    }

    public MemberCommand {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(interactionToken, "interactionToken");
        Require.present(conversationId, "conversationId");
        if (conversationId.isDirectMessage()) {
            throw new IllegalArgumentException("'conversationId' must be a server's channel or the web chat");
        }
        Require.text(memberId, "memberId");
        Require.text(command, "command");
        memberMay = memberMay == null ? Set.of() : Set.copyOf(memberMay);
        options = options == null ? Map.of() : Map.copyOf(options);
        stages = Stage.copyOf(stages);
    }

    public boolean memberMay(MemberPermission permission) {
        return memberMay.contains(permission);
    }
}
