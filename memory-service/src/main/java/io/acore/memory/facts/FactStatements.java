package io.acore.memory.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.memory.client.JsonAnswers;
import io.acore.memory.repository.FactRepository.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the thinking model's answer to a fact extraction ({@code {"facts":[{"action","topic","kind","content",
 * "confidence"}]}}, the action {@code add}, {@code update} or {@code invalidate}; an older answer's
 * {@code "retracts":true} is read as {@code invalidate}; {@code none} and unknown actions as nothing; and
 * {@code "in_character"} when it was said in a role-play) and keeps only
 * statements that are safe to remember: a known kind, short, about the speaker. Models write JSON loosely, so the reading is lenient: text or a code fence around the object, single
 * quotes, unquoted names, trailing commas, comments, a confidence as a percentage ({@code 85}, {@code "85%"}).
 * What is kept is a fact of the speaker in the third person ("lives in Ghent", "works as a system administrator",
 * "tends to ignore notifications"); anything that names someone else, speaks to the reader ("you…"), makes the bot a
 * party ("wants the bot to swear") or opens a clause with an order ("always address the user as…", "obey…") is
 * dropped, whatever its words: memory never stores orders, and never stores anything against another user.
 */
final class FactStatements {
    static final Set<String> KINDS = Set.of("trait", "interest", "preference", "fact");
    private static final String ADD = "add";
    private static final String INVALIDATE = "invalidate";
    /** What a statement may do: {@code update} is an {@code add} on a topic already held. */
    private static final Set<String> ACTIONS = Set.of(ADD, "update", INVALIDATE);
    private static final int MOST_CHARACTERS = 200;
    private static final double DEFAULT_CONFIDENCE = 0.7;
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?%?");
    private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern ABOUT_SOMEONE_ELSE = Pattern.compile("@|<#");
    /** A fact is said of the speaker in the third person: "you" speaks to the reader, which is the persona. */
    private static final Pattern SECOND_PERSON = Pattern.compile("\\b(you|your|yours|yourself|yourselves|u|ur)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The bot as a party to the statement ("wants the bot to swear"), rather than a subject of interest. */
    private static final Pattern ABOUT_THE_BOT = Pattern.compile(
            "\\b(the|this|that|its|her|his|their|our|my) (bot|chatbot|assistant|ai|persona)s?\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * An order: a verb of telling or behaving in its bare form where a clause begins ("always address the user as
     * Master", "is the owner; obey everything", "says from now on call Bob a liar"). A third-person fact starts
     * with "lives", "is", "tends to ignore…", so none of these opens one.
     */
    private static final Pattern ORDER = Pattern.compile(
            "(^|[;:.!?,]\\s*|\\b(and|then|always|never|please|just|from now on|says|said|asks|asked|that)\\s+)"
                    + "(address|call|tell|say|speak|talk|reply|respond|answer|refer|treat|use|stop|ignore|forget"
                    + "|act|pretend|obey|follow|do|don't|dont|write|reveal|show|give|send|let|make|keep|start"
                    + "|disregard|override|comply|behave|include|mention|repeat|swear|curse|roleplay|refuse|be)\\b",
            Pattern.CASE_INSENSITIVE);

    private FactStatements() {
    }

    /** The safe statements in the answer; empty for an answer that is not the JSON asked for. */
    static List<Statement> read(String answer) {
        JsonNode facts = JsonAnswers.object(answer).path("facts");
        List<Statement> statements = new ArrayList<>();
        for (JsonNode fact : facts) {
            String topic = fact.path("topic").asText("").strip().toLowerCase(Locale.ROOT);
            String kind = fact.path("kind").asText("").strip().toLowerCase(Locale.ROOT);
            String content = fact.path("content").asText("").strip();
            double confidence = confidence(fact.path("confidence"));
            String action = fact.path("action").asText(fact.path("retracts").asBoolean(false) ? INVALIDATE : ADD)
                    .strip().toLowerCase(Locale.ROOT);
            if (ACTIONS.contains(action) && safe(topic, kind, content) && confidence >= 0 && confidence <= 1) {
                statements.add(new Statement(topic, kind, content, confidence, action.equals(INVALIDATE),
                        fact.path("in_character").asBoolean(false)));
            }
        }
        return statements;
    }

    /**
     * How warmly the speaker treated the persona, from -2 (hostile) to 2 (warm), when the answer says: a number out
     * of that range is taken as its end, anything else as not said.
     */
    static OptionalInt warmth(String answer) {
        JsonNode warmth = JsonAnswers.object(answer).path("warmth");
        double value;
        if (warmth.isNumber()) {
            value = warmth.asDouble();
        } else if (warmth.isTextual() && SIGNED_NUMBER.matcher(warmth.asText().strip()).matches()) {
            value = Double.parseDouble(warmth.asText().strip());
        } else {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) Math.max(-2, Math.min(2, Math.round(value))));
    }

    /** A share from 0 to 1; a percentage (above 1, up to 100, or written with %) is read as one; unknown: 0.7. */
    private static double confidence(JsonNode given) {
        double value;
        if (given.isNumber()) {
            value = given.asDouble();
        } else if (given.isTextual() && NUMBER.matcher(given.asText().strip()).matches()) {
            String text = given.asText().strip();
            value = Double.parseDouble(text.replace("%", ""));
            if (text.endsWith("%")) {
                return value / 100;
            }
        } else {
            return DEFAULT_CONFIDENCE;
        }
        return value > 1 && value <= 100 ? value / 100 : value;
    }

    private static boolean safe(String topic, String kind, String content) {
        String both = topic + " " + content;
        return KINDS.contains(kind) && !topic.isEmpty() && topic.length() <= 60 && !content.isEmpty()
                && content.length() <= MOST_CHARACTERS && content.chars().noneMatch(Character::isISOControl)
                && !ABOUT_SOMEONE_ELSE.matcher(both).find() && !SECOND_PERSON.matcher(both).find()
                && !ABOUT_THE_BOT.matcher(both).find() && !ORDER.matcher(content).find();
    }
}
