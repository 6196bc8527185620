package io.acore.persona.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads SillyTavern character cards, spec V2 and V3, from JSON or PNG, lorebook included. V3 keeps V2's fields,
 * so one reading serves both; V3-only fields are not used yet.
 */
@ApplicationScoped
public class CardParser {
    static final int MAX_NAME_LENGTH = 80;
    static final int DEFAULT_SCAN_DEPTH = 4;
    private static final Set<String> SPECS = Set.of("chara_card_v2", "chara_card_v3");

    private final ObjectMapper json;

    public CardParser(ObjectMapper json) {
        this.json = json;
    }

    /** Reads a card from JSON, or from the {@code ccv3} (preferred) or {@code chara} text chunk of a PNG. */
    public CharacterCard parse(byte[] content, String source) {
        byte[] cardJson = PngTextChunks.isPng(content) ? fromPng(content, source) : content;
        JsonNode root;
        try {
            root = json.readTree(cardJson);
        } catch (JsonProcessingException e) {
            throw new InvalidCardException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidCardException(source + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCardException(source + " is not a JSON object");
        }
        String spec = root.path("spec").asText("");
        if (!SPECS.contains(spec)) {
            throw new InvalidCardException(source + " is not a V2 or V3 character card (spec is '" + spec
                    + "', expected 'chara_card_v2' or 'chara_card_v3')");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new InvalidCardException(source + " has no 'data' object");
        }
        String name = data.path("name").asText("").strip();
        if (name.isEmpty()) {
            throw new InvalidCardException(source + " has no name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidCardException(source + " has a name longer than " + MAX_NAME_LENGTH + " characters");
        }
        String id = idFor(name);
        if (id.isEmpty()) {
            throw new InvalidCardException(source + ": the name '" + name + "' has no letters or digits to make an id");
        }
        return new CharacterCard(id, name, text(data, "description"), text(data, "personality"),
                text(data, "scenario"), text(data, "first_mes"), text(data, "mes_example"),
                text(data, "system_prompt"), text(data, "post_history_instructions"),
                data.path("extensions").path("acore").path("avatar_url").asText(null), tags(data),
                lore(data.path("character_book")), data.path("character_book").path("scan_depth").asInt(DEFAULT_SCAN_DEPTH));
    }

    private static byte[] fromPng(byte[] png, String source) {
        Map<String, String> chunks;
        try {
            chunks = PngTextChunks.read(png);
        } catch (IOException e) {
            throw new InvalidCardException(source + " is not a readable PNG: " + e.getMessage(), e);
        }
        String encoded = chunks.containsKey("ccv3") ? chunks.get("ccv3") : chunks.get("chara");
        if (encoded == null) {
            throw new InvalidCardException(source + " is a PNG without a character card (no 'ccv3' or 'chara' chunk)");
        }
        try {
            return Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCardException(source + ": the card chunk is not base64", e);
        }
    }

    private static List<LoreEntry> lore(JsonNode book) {
        List<LoreEntry> entries = new ArrayList<>();
        for (JsonNode entry : book.path("entries")) {
            if (!entry.path("enabled").asBoolean(true) || entry.path("content").asText("").isBlank()) {
                continue;
            }
            entries.add(new LoreEntry(strings(entry.path("keys")), strings(entry.path("secondary_keys")),
                    entry.path("selective").asBoolean(false), entry.path("constant").asBoolean(false),
                    entry.path("case_sensitive").asBoolean(false), entry.path("insertion_order").asInt(0),
                    entry.path("content").asText()));
        }
        entries.sort(Comparator.comparingInt(LoreEntry::insertionOrder));
        return List.copyOf(entries);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    /** A persona's id: its name folded to lowercase ASCII letters, digits and dashes. */
    static String idFor(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String text(JsonNode data, String field) {
        return data.path(field).asText("");
    }

    private static List<String> tags(JsonNode data) {
        return strings(data.path("tags"));
    }
}
