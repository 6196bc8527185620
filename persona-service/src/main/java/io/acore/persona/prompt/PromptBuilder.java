package io.acore.persona.prompt;

import io.acore.events.ChatMessage;
import io.acore.events.Role;
import io.acore.events.Stage;
import io.acore.events.api.HistoryEntry;
import io.acore.events.api.MemoryContext;
import io.acore.events.llm.ChatTurn;
import io.acore.events.text.TokenEstimate;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.LoreEntry;
import io.acore.persona.relationships.Relationships;
import io.acore.persona.config.LlmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a character card, the recent history and the new message into a chat-completion prompt, the way
 * SillyTavern lays a card out: system prompt and card fields, example dialogue, the lorebook entries the
 * conversation calls up, the date and time the message was written (UTC), what memory holds (summary, the user's
 * facts, recalled older messages: quoted, never obeyed, and not run through the card's macros), history, the new
 * message, then the card's post-history instructions. In a channel with several personas, the others' lines are shown as
 * named user turns so the model keeps track of who said what. History is taken newest first for as long as it
 * fits the token budget (the context window minus the reply's reserve), so a long conversation never pushes the
 * card or the new message out of the model's window.
 */
@ApplicationScoped
public class PromptBuilder {
    static final String DEFAULT_SYSTEM_PROMPT =
            "You are {{char}}, chatting with {{user}} in a Discord server. Stay in character and keep replies short.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** What the memory notes and the persona's standing with the author can take at their largest. */
    private static final int MEMORY_AND_STANDING_TOKENS =
            TokenEstimate.of("x".repeat(MemorySection.MOST_CHARS + Relationships.MOST_CHARS));

    private final int budgetTokens;

    @Inject
    public PromptBuilder(LlmConfig config) {
        this(config.contextTokens() - config.maxTokens());
    }

    PromptBuilder(int budgetTokens) {
        this.budgetTokens = budgetTokens;
    }

    /** When the message was written (when the gateway took it in), so a late answer still knows its moment. */
    private static String now(ChatMessage message) {
        Instant written = Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now);
        return "\n\nIt is now " + WHEN.format(written) + ".";
    }

    /**
     * How many tokens the recent turns may take in the prompt for this message: the room the card and the message
     * leave, less what the memory notes and the standing are kept at the least ({@link #notesFloor}). Memory is asked
     * for the recent turns within it and leaves those out of what it recalls, so every turn it returns must be shown
     * (a turn neither shown nor recalled is lost): {@link #build} shows the turns within it first and cuts the notes
     * to the room they leave.
     */
    public int historyBudget(CharacterCard card, ChatMessage message) {
        return historyWithin(frame(card, lore(card, List.of(), message), message, new Macros(card, message)).room());
    }

    /** The recent turns' share of the room beside the card and the message. */
    private static int historyWithin(int room) {
        return Math.max(0, room - notesFloor(room));
    }

    /**
     * What the memory notes and the standing keep however long the recent turns are: all they can take, or half the
     * room when that is less (a small model window or a long card), so neither starves the other.
     */
    private static int notesFloor(int room) {
        return Math.min(MEMORY_AND_STANDING_TOKENS, Math.max(0, room) / 2);
    }

    /**
     * The prompt: the card and its lore, today's date, how the persona stands with the author ({@code standing},
     * {@link Relationships#section}), what memory holds, the recent turns that fit, the message.
     */
    public List<ChatTurn> build(CharacterCard card, List<HistoryEntry> history, MemoryContext remembered,
            ChatMessage message, String standing) {
        String user = message.author().name();
        Macros macros = new Macros(card, message);
        List<LoreEntry> lore = lore(card, history, message);
        Frame frame = frame(card, lore, message, macros);
        int room = frame.room();

        // the recent turns within their share first, then the notes in what those leave, cut to fit; older turns
        // then take what the notes leave
        int firstTurns = newestThatFit(history, card, historyWithin(room)).stream().mapToInt(PromptBuilder::tokens)
                .sum();
        ChatTurn system = ChatTurn.system(frame.cardText() + standing
                + MemorySection.of(remembered, user, room - firstTurns - TokenEstimate.of(standing)));
        Deque<ChatTurn> past = newestThatFit(history, card, budgetTokens - tokens(system) - frame.besideHistory());
        if (history.isEmpty() && !card.firstMessage().isBlank()) {
            past.addFirst(ChatTurn.assistant(macros.expand(card.firstMessage())));
        }

        List<ChatTurn> shown = new ArrayList<>(past);
        List<LoreEntry> placed = atDepth(lore);
        for (int i = 0; i < placed.size(); i++) {
            shown.add(Math.max(0, shown.size() - placed.get(i).depth()), frame.loreAmongTurns().get(i));
        }
        List<ChatTurn> turns = new ArrayList<>();
        turns.add(system);
        turns.addAll(shown);
        turns.add(frame.current());
        frame.instructions().ifPresent(turns::add);
        return turns;
    }

    /**
     * What a prompt holds besides the history and memory's notes: the card with its lore and the date, the lore placed
     * among the turns, the message and the card's post-history instructions.
     */
    private record Frame(String cardText, List<ChatTurn> loreAmongTurns, ChatTurn current,
            Optional<ChatTurn> instructions, int budgetTokens) {
        int besideHistory() {
            return tokens(current) + instructions.map(PromptBuilder::tokens).orElse(0)
                    + loreAmongTurns.stream().mapToInt(PromptBuilder::tokens).sum();
        }

        /** The room the history and the notes share. */
        int room() {
            return budgetTokens - tokens(ChatTurn.system(cardText)) - besideHistory();
        }
    }

    private Frame frame(CharacterCard card, List<LoreEntry> lore, ChatMessage message, Macros macros) {
        return new Frame(macros.expand(systemText(card, lore)) + now(message), atDepth(lore).stream()
                .map(entry -> ChatTurn.system(macros.expand(entry.content()))).toList(), current(message),
                card.postHistoryInstructions().isBlank() ? Optional.empty()
                        : Optional.of(ChatTurn.system(macros.expand(card.postHistoryInstructions()))),
                budgetTokens);
    }

    private static ChatTurn current(ChatMessage message) {
        return ChatTurn.user(message.author().name() + ": " + message.content());
    }

    /** The newest turns of {@code history} that fit in {@code tokens}, oldest first. */
    private static Deque<ChatTurn> newestThatFit(List<HistoryEntry> history, CharacterCard card, int tokens) {
        Deque<ChatTurn> kept = new ArrayDeque<>();
        int left = tokens;
        for (int i = history.size() - 1; i >= 0; i--) {
            Optional<ChatTurn> turn = asTurn(history.get(i), card);
            if (turn.isEmpty()) {
                continue;
            }
            left -= tokens(turn.get());
            if (left < 0) {
                break;
            }
            kept.addFirst(turn.get());
        }
        return kept;
    }

    /**
     * Lorebook entries set off by the new message or the last few turns (and by each other, when the book scans
     * recursively), in insertion order, within the book's token budget.
     */
    private static List<LoreEntry> lore(CharacterCard card, List<HistoryEntry> history, ChatMessage message) {
        StringBuilder scanned = new StringBuilder(message.content());
        history.subList(Math.max(0, history.size() - card.lore().scanDepth()), history.size())
                .forEach(entry -> scanned.append('\n').append(entry.content()));
        return card.lore().activated(scanned.toString(), TokenEstimate::of);
    }

    /** The entries placed among the turns, each {@code depth} turns from the newest. */
    private static List<LoreEntry> atDepth(List<LoreEntry> lore) {
        return lore.stream().filter(entry -> entry.placement() == LoreEntry.Placement.AT_DEPTH).toList();
    }

    /** The lore placed {@code where} in the system prompt, under a heading; empty when there is none. */
    private static String loreBlock(CharacterCard card, List<LoreEntry> lore, LoreEntry.Placement where) {
        List<String> contents = lore.stream().filter(entry -> entry.placement() == where).map(LoreEntry::content)
                .toList();
        return contents.isEmpty() ? "" : "What " + card.name() + " knows that matters here:\n"
                + String.join("\n", contents);
    }

    private static Optional<ChatTurn> asTurn(HistoryEntry entry, CharacterCard card) {
        if (entry.role() == Role.PERSONA && entry.authorId().equals(card.id())) {
            return Optional.of(ChatTurn.assistant(entry.content()));
        }
        if (entry.role() == Role.USER || entry.role() == Role.PERSONA) {
            return Optional.of(ChatTurn.user(entry.authorName() + ": " + entry.content()));
        }
        return Optional.empty();
    }

    private static String systemText(CharacterCard card, List<LoreEntry> lore) {
        StringBuilder text = new StringBuilder(card.systemPrompt().isBlank() ? DEFAULT_SYSTEM_PROMPT : card.systemPrompt());
        appendSection(text, "", loreBlock(card, lore, LoreEntry.Placement.BEFORE_CHAR));
        appendSection(text, "", card.description());
        appendSection(text, "Personality: ", card.personality());
        appendSection(text, "Scenario: ", card.scenario());
        appendSection(text, "Example dialogue:\n", card.exampleMessages().replace("<START>", "").strip());
        appendSection(text, "", loreBlock(card, lore, LoreEntry.Placement.AFTER_CHAR));
        return text.toString();
    }

    private static void appendSection(StringBuilder text, String label, String value) {
        if (!value.isBlank()) {
            text.append("\n\n").append(label).append(value.strip());
        }
    }

    /** A turn's tokens as the model will count them, about: its text and its framing. */
    static int tokens(ChatTurn turn) {
        return TokenEstimate.ofMessage(turn.content());
    }
}
