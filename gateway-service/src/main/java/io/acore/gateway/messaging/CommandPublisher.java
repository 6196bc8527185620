package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MemberCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Hands slash commands to the service that owns them, keyed by server (the web chat's all under {@code web}) so that
 * a server's run one after another:
 * {@code /persona …} and {@code /relationship} to persona-service, {@code /status} to analytics-service.
 */
@ApplicationScoped
public class CommandPublisher {
    /** The commands (by name) this publisher hands over. */
    public static final Set<String> HANDED_OVER = Set.of("persona", "relationship", "status");

    private final MutinyEmitter<Record<String, String>> persona;
    private final MutinyEmitter<Record<String, String>> analytics;

    public CommandPublisher(@Channel("persona-commands") MutinyEmitter<Record<String, String>> persona,
            @Channel("analytics-commands") MutinyEmitter<Record<String, String>> analytics) {
        this.persona = persona;
        this.analytics = analytics;
    }

    /** Completes once the broker has the command. */
    public Uni<Void> publish(MemberCommand command) {
        MutinyEmitter<Record<String, String>> owner = command.command().equals("status") ? analytics : persona;
        String server = command.conversationId().guildId();
        return owner.send(Record.of(server != null ? server : command.conversationId().platform().wireName(),
                EventCodec.encode(command)));
    }
}
