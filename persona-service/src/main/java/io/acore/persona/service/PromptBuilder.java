package io.acore.persona.service;

import io.acore.events.ChatMessage;
import io.acore.persona.client.ChatTurn;
import io.acore.events.HistoryEntry;
import io.acore.persona.repository.CharacterCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a character card, the recent history and the new message into a chat-completion prompt, the way
 * SillyTavern lays a card out: system prompt and card fields, example dialogue, history, the new message, then
 * the card's post-history instructions. In a channel with several personas, the others' lines are shown as
 * named user turns so the model keeps track of who said what.
 */
@ApplicationScoped
public class PromptBuilder {
    static final String DEFAULT_SYSTEM_PROMPT =
            "You are {{char}}, chatting with {{user}} in a Discord server. Stay in character and keep replies short.";
    private static final Pattern CHAR_MACRO = Pattern.compile("\\{\\{char}}", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_MACRO = Pattern.compile("\\{\\{user}}", Pattern.CASE_INSENSITIVE);

    public List<ChatTurn> build(CharacterCard card, List<HistoryEntry> history, ChatMessage message) {
        String user = message.author().name();
        List<ChatTurn> turns = new ArrayList<>();
        turns.add(ChatTurn.system(expand(systemText(card), card, user)));
        if (history.isEmpty() && !card.firstMessage().isBlank()) {
            turns.add(ChatTurn.assistant(expand(card.firstMessage(), card, user)));
        }
        for (HistoryEntry entry : history) {
            if (entry.isUser()) {
                turns.add(ChatTurn.user(entry.authorName() + ": " + entry.content()));
            } else if (entry.isPersona() && entry.authorId().equals(card.id())) {
                turns.add(ChatTurn.assistant(entry.content()));
            } else if (entry.isPersona()) {
                turns.add(ChatTurn.user(entry.authorName() + ": " + entry.content()));
            }
        }
        turns.add(ChatTurn.user(user + ": " + message.content()));
        if (!card.postHistoryInstructions().isBlank()) {
            turns.add(ChatTurn.system(expand(card.postHistoryInstructions(), card, user)));
        }
        return turns;
    }

    private static String systemText(CharacterCard card) {
        StringBuilder text = new StringBuilder(card.systemPrompt().isBlank() ? DEFAULT_SYSTEM_PROMPT : card.systemPrompt());
        appendSection(text, "", card.description());
        appendSection(text, "Personality: ", card.personality());
        appendSection(text, "Scenario: ", card.scenario());
        appendSection(text, "Example dialogue:\n", card.exampleMessages().replace("<START>", "").strip());
        return text.toString();
    }

    private static void appendSection(StringBuilder text, String label, String value) {
        if (!value.isBlank()) {
            text.append("\n\n").append(label).append(value.strip());
        }
    }

    static String expand(String text, CharacterCard card, String user) {
        String withChar = CHAR_MACRO.matcher(text).replaceAll(Matcher.quoteReplacement(card.name()));
        return USER_MACRO.matcher(withChar).replaceAll(Matcher.quoteReplacement(user));
    }
}
