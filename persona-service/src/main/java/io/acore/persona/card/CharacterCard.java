package io.acore.persona.card;

import java.util.List;

/**
 * A persona, read from a SillyTavern character card (spec V2). Text fields are never null.
 *
 * @param lore        the card's lorebook entries, in insertion order
 * @param loreScanDepth how many recent turns (besides the new message) are searched for lore keys
 */
public record CharacterCard(String id, String name, String description, String personality, String scenario,
        String firstMessage, String exampleMessages, String systemPrompt, String postHistoryInstructions,
        String avatarUrl, List<String> tags, List<LoreEntry> lore, int loreScanDepth) {
}
