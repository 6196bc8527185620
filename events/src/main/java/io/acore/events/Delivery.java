package io.acore.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the gateway did with a final reply (topic {@link Topics#DELIVERY}).
 *
 * @param target            {@code discord} or {@code web}
 * @param platformMessageIds the ids the platform gave the delivered message(s); a long reply may be split
 * @param status            {@link #DELIVERED} or {@link #FAILED}
 */
public record Delivery(int v, String id, String traceId, String conversationId, String replyId, String personaId,
        String target, List<String> platformMessageIds, String status, String detail,
        Map<String, Instant> stages) implements Event {

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    public Delivery {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(conversationId, "conversationId");
        Require.text(replyId, "replyId");
        Require.text(target, "target");
        Require.text(status, "status");
        platformMessageIds = platformMessageIds == null ? List.of() : List.copyOf(platformMessageIds);
        stages = Stages.orEmpty(stages);
    }
}
