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
    /** A question mark at the end of a text (an emoji or a closing quote may follow it). */
    private static final String QUESTION_AT_END = "\\?+[\\s\\p{So}\\p{Pf}\"')]*";
    private static final Pattern ENDS_ASKING = Pattern.compile("(?s).*" + QUESTION_AT_END);
    /** The same, and no sentence ends before it. */
    private static final Pattern ONLY_A_QUESTION = Pattern.compile("[^.!?\\n]*" + QUESTION_AT_END);

    private RecallWeight() {
    }

    static double of(StoredMessage turn) {
        double weight = turn.role() == Role.PERSONA ? PERSONA : 1.0;
        return ONLY_A_QUESTION.matcher(turn.content().strip()).matches() ? weight * ONLY_ASKS : weight;
    }

    /** Whether the turn ends asking something: the reply that follows it holds the answer. */
    static boolean asks(StoredMessage turn) {
        return ENDS_ASKING.matcher(turn.content().strip()).matches();
    }
}
