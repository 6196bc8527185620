package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.PersonaCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Hands {@code /persona} commands to persona-service, keyed by server so that a server's run in order. */
@ApplicationScoped
public class CommandPublisher {
    private final MutinyEmitter<Record<String, String>> commands;

    public CommandPublisher(@Channel("persona-commands") MutinyEmitter<Record<String, String>> commands) {
        this.commands = commands;
    }

    /** Completes once the broker has the command. */
    public Uni<Void> publish(PersonaCommand command) {
        return commands.send(Record.of(command.conversationId().guildId(), EventCodec.encode(command)));
    }
}
