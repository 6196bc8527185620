package io.acore.analytics.messaging;

import io.acore.analytics.service.StatusReport;
import io.acore.events.CommandAnswer;
import io.acore.events.EventCodec;
import io.acore.events.MemberCommand;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers {@code /status}, which anyone may run: the answer is made when the command is read (read again, it is
 * made again, as it should: the status is of now). A record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class StatusCommandConsumer {
    private static final Duration SEND_WAIT = Duration.ofSeconds(30);

    private final StatusReport status;
    private final MutinyEmitter<Record<String, String>> answers;

    public StatusCommandConsumer(StatusReport status,
            @Channel("command-answers") MutinyEmitter<Record<String, String>> answers) {
        this.status = status;
        this.answers = answers;
    }

    @Incoming("status-commands")
    @Blocking
    public void onCommand(String record) {
        MemberCommand command = EventCodec.decode(record, MemberCommand.class);
        String text = command.command().equals("status") ? status.text()
                : "I do not know the command /" + command.command() + ".";
        CommandAnswer answer = CommandAnswer.to(command, text);
        answers.send(Record.of(command.conversationId().toString(), EventCodec.encode(answer))).await().atMost(SEND_WAIT);
    }
}
