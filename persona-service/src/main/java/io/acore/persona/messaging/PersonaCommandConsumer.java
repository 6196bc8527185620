package io.acore.persona.messaging;

import io.acore.events.CommandAnswer;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemberCommand;
import io.acore.events.SettingsChange;
import io.acore.events.metrics.Meters;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.persona.service.PersonaCommands;
import io.acore.persona.service.PersonaCommands.Result;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Runs the {@code /persona} commands members give in Discord, one at a time, and sends each its answer; a change of
 * a server's settings is announced so that every instance reads them again. A record that cannot be read goes to the
 * dead-letter topic with the reason; a command the database stays down for longer than Discord waits is answered
 * with an apology, never dead-lettered.
 */
@ApplicationScoped
public class PersonaCommandConsumer {
    private static final Logger LOG = Logger.getLogger(PersonaCommandConsumer.class);
    private static final Duration SEND_WAIT = Duration.ofSeconds(30);
    static final String UNAVAILABLE = "Sorry, persona settings cannot be changed right now. Please try again in a few "
            + "minutes.";

    private final PersonaCommands commands;
    private final MutinyEmitter<Record<String, String>> answers;
    private final MutinyEmitter<Record<String, String>> changes;
    private final MeterRegistry registry;

    public PersonaCommandConsumer(PersonaCommands commands,
            @Channel("command-answers") MutinyEmitter<Record<String, String>> answers,
            @Channel("persona-settings-out") MutinyEmitter<Record<String, String>> changes, MeterRegistry registry) {
        this.commands = commands;
        this.answers = answers;
        this.changes = changes;
        this.registry = registry;
    }

    @Incoming("persona-commands")
    @Blocking
    public void onCommand(String record) throws InterruptedException {
        MemberCommand command = EventCodec.decode(record, MemberCommand.class);
        String outcome;
        String answer;
        try {
            Result result = commands.run(command);
            answer = result.answer();
            outcome = result.changed() ? "changed" : "answered";
            if (result.changed()) {
                String guild = ServerSettingsStore.serverOf(command.conversationId());
                send(changes, guild, new SettingsChange(Event.SCHEMA_VERSION, UUID.randomUUID().toString(),
                        command.traceId(), guild, command.stages()));
            }
        } catch (SQLException e) {
            LOG.warnf("/%s could not be run: %s", command.command(), e.getMessage());
            answer = UNAVAILABLE;
            outcome = "unavailable";
        }
        send(answers, command.conversationId().toString(), CommandAnswer.to(command, answer));
        Meters.counter(registry, "acore.persona.commands",
                "commands handled, by command and outcome",
                "command", command.command(), "outcome", outcome).increment();
    }

    private static void send(MutinyEmitter<Record<String, String>> emitter, String key, Event event) {
        emitter.send(Record.of(key, EventCodec.encode(event))).await().atMost(SEND_WAIT);
    }
}
