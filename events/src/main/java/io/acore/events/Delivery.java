package io.acore.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the gateway did with a final reply (topic {@link Topics#DELIVERY}).
 *
 * @param target             where the reply went
 * @param platformMessageIds the ids the platform gave the delivered message(s); a long reply may be split
 * @param detail             why a delivery failed
 */
public record Delivery(int v, String id, String traceId, ConversationId conversationId, String replyId,
        String personaId, Platform target, List<String> platformMessageIds, Status status, String detail,
        Map<String, Instant> stages) implements Event {

    /** Whether the reply reached its platform. */
    public enum Status {
        DELIVERED, FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The id of what became of a reply on a platform: the same for every record about it, however often sent. */
    public static String idFor(String replyId, Platform target) {
        return UUID.nameUUIDFromBytes(("delivery\u0000" + replyId + "\u0000" + target.wireName())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Delivery {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.present(conversationId, "conversationId");
        Require.text(replyId, "replyId");
        Require.present(target, "target");
        Require.present(status, "status");
        platformMessageIds = platformMessageIds == null ? List.of() : List.copyOf(platformMessageIds);
        stages = Stage.copyOf(stages);
    }
}
