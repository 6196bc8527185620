package io.acore.persona.card;

import java.util.List;

/**
 * A persona, read from a SillyTavern character card (V1, V2 or V3). Text fields are never null.
 *
 * @param name     the name it is shown and addressed by: the card's V3 {@code nickname} when it has one
 * @param portrait the card's picture (a PNG card's image, a CharX card's main icon), scaled; null when it has none
 */
public record CharacterCard(String id, String name, String description, String personality, String scenario,
        String firstMessage, String exampleMessages, String systemPrompt, String postHistoryInstructions,
        String avatarUrl, List<String> tags, Lorebook lore, Portrait portrait) {

    /** The same card under another id and name (a card kept beside another of its name). */
    public CharacterCard as(String otherId, String otherName) {
        return otherId.equals(id) && otherName.equals(name) ? this : new CharacterCard(otherId, otherName, description,
                personality, scenario, firstMessage, exampleMessages, systemPrompt, postHistoryInstructions, avatarUrl,
                tags, lore, portrait);
    }

    /** The same card shown with the avatar at {@code url}. */
    public CharacterCard withAvatarUrl(String url) {
        return new CharacterCard(id, name, description, personality, scenario, firstMessage, exampleMessages,
                systemPrompt, postHistoryInstructions, url, tags, lore, portrait);
    }
}
