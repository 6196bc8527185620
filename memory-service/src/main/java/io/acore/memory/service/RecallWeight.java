package io.acore.memory.service;

import io.acore.events.Role;
import io.acore.memory.repository.StoredMessage;
import java.util.regex.Pattern;

/**
 * How much a recalled turn is worth beside the others that match as well. What people said comes before what a
 * persona said (its replies restate the questions put to it, and what it made up is not a memory of the world), and
 * a turn that only asks something holds no answer: in a channel where people keep asking, their earlier questions
 * resemble the new one more than the statement that answers it does, and would otherwise crowd it out.
 */
final class RecallWeight {
    static final double PERSONA = 0.35;
    static final double ONLY_ASKS = 0.35;
    /** Ends with a question mark (an emoji or a closing quote may follow). */
    private static final Pattern ASKS = Pattern.compile("(?s).*\\?+[\\s\\p{So}\\p{Pf}\"')]*");
    /** The same, and no sentence ends before it. */
    private static final Pattern ONLY_ASKS_PATTERN = Pattern.compile("[^.!?\\n]*\\?+[\\s\\p{So}\\p{Pf}\"')]*");

    private RecallWeight() {
    }

    static double of(StoredMessage turn) {
        double weight = turn.role() == Role.PERSONA ? PERSONA : 1.0;
        return ONLY_ASKS_PATTERN.matcher(turn.content().strip()).matches() ? weight * ONLY_ASKS : weight;
    }

    /** Whether the turn ends asking something: the reply that follows it holds the answer. */
    static boolean asks(StoredMessage turn) {
        return ASKS.matcher(turn.content().strip()).matches();
    }
}
