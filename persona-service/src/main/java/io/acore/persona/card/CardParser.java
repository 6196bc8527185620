package io.acore.persona.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads character cards as SillyTavern users have them: V2 and V3 JSON, V1 flat JSON (converted as SillyTavern
 * does: its top-level fields are the card's), PNG with the card in a {@code ccv3} (preferred) or {@code chara} text
 * chunk ({@code tEXt}, {@code zTXt} or {@code iTXt}), and CharX archives ({@code card.json} in a zip); lorebook
 * included. A card larger than {@value #MAX_CARD_MB} MB, truncated, or not a card is refused with a message naming
 * the file and the problem.
 */
@ApplicationScoped
public class CardParser {
    static final int MAX_NAME_LENGTH = 80;
    static final int MAX_CARD_MB = 8;
    /** SillyTavern's depth for an entry placed among the turns that names none. */
    static final int DEFAULT_LORE_DEPTH = 4;
    public static final int MAX_CARD_BYTES = MAX_CARD_MB * 1024 * 1024;
    private static final Set<String> SPECS = Set.of("chara_card_v2", "chara_card_v3");
    /** A V1 card's own fields, SillyTavern's names first and then the older Pygmalion ones. */
    private static final Map<String, String> V1_FIELDS = Map.of("char_name", "name", "char_persona", "description",
            "world_scenario", "scenario", "char_greeting", "first_mes", "example_dialogue", "mes_example");
    private static final List<String> V1_TEXT = List.of("description", "personality", "scenario", "first_mes",
            "mes_example");

    private final ObjectMapper json;

    public CardParser(ObjectMapper json) {
        this.json = json;
    }

    public CharacterCard parse(byte[] content, String source) {
        if (content.length > MAX_CARD_BYTES) {
            throw tooLarge(source, content.length);
        }
        byte[] cardJson = PngTextChunks.isPng(content) ? fromPng(content, source)
                : CharxArchive.isZip(content) ? CharxArchive.cardJson(content, MAX_CARD_BYTES, source) : content;
        JsonNode root;
        try {
            root = json.readTree(cardJson);
        } catch (JsonProcessingException e) {
            throw new InvalidCardException(source + " is not valid JSON (truncated, or not a card): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidCardException(source + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCardException(source + " is not a JSON object");
        }
        JsonNode data = data(root, source);
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
        String nickname = data.path("nickname").asText("").strip();
        String shown = nickname.isEmpty() || nickname.length() > MAX_NAME_LENGTH ? name : nickname;
        return new CharacterCard(id, shown, text(data, "description"), text(data, "personality"),
                text(data, "scenario"), text(data, "first_mes"), text(data, "mes_example"),
                text(data, "system_prompt"), text(data, "post_history_instructions"),
                data.path("extensions").path("acore").path("avatar_url").asText(null), tags(data),
                lorebook(data.path("character_book")), portrait(content, data).orElse(null));
    }

    /** The refusal of a card file of {@code bytes}, over {@link #MAX_CARD_BYTES}. */
    public static InvalidCardException tooLarge(String source, long bytes) {
        return new InvalidCardException(String.format(Locale.ROOT, "%s is %.1f MB, larger than the %d MB a card may be",
                source, bytes / (1024.0 * 1024.0), MAX_CARD_MB));
    }

    /** The card's fields: a V2 or V3 card's {@code data}, or a V1 card's own top level, renamed as SillyTavern does. */
    private static JsonNode data(JsonNode root, String source) {
        String spec = root.path("spec").asText("");
        if (SPECS.contains(spec)) {
            JsonNode data = root.path("data");
            if (!data.isObject()) {
                throw new InvalidCardException(source + " has no 'data' object");
            }
            return data;
        }
        if (!spec.isEmpty()) {
            throw new InvalidCardException(source + " is a card of an unknown spec '" + spec
                    + "' (expected 'chara_card_v2' or 'chara_card_v3', or a V1 card without one)");
        }
        ObjectNode v1 = ((ObjectNode) root).deepCopy();
        V1_FIELDS.forEach((old, current) -> {
            if (!v1.hasNonNull(current) && v1.hasNonNull(old)) {
                v1.set(current, v1.get(old));
            }
        });
        if (!v1.path("name").isTextual() || V1_TEXT.stream().noneMatch(field -> v1.path(field).isTextual())) {
            throw new InvalidCardException(source + " is not a character card: no 'spec' (V2, V3), and not a V1 card "
                    + "(a name with a description, personality, scenario, first message or example dialogue)");
        }
        return v1;
    }

    /** A PNG card's own image, or a CharX card's icon (the one named {@code main} first). */
    private static Optional<Portrait> portrait(byte[] content, JsonNode data) {
        if (PngTextChunks.isPng(content)) {
            return Portrait.of(content);
        }
        if (!CharxArchive.isZip(content)) {
            return Optional.empty();
        }
        List<JsonNode> icons = new ArrayList<>();
        data.path("assets").forEach(asset -> {
            if ("icon".equals(asset.path("type").asText())) {
                icons.add(asset);
            }
        });
        icons.sort(Comparator.comparing(asset -> !"main".equals(asset.path("name").asText())));
        return icons.stream().map(asset -> CharxArchive.embedded(content, asset.path("uri").asText(""), MAX_CARD_BYTES))
                .flatMap(Optional::stream).findFirst().flatMap(Portrait::of);
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

    private static Lorebook lorebook(JsonNode book) {
        List<LoreEntry> entries = new ArrayList<>();
        for (JsonNode entry : book.path("entries")) {
            if (!entry.path("enabled").asBoolean(true) || entry.path("content").asText("").isBlank()) {
                continue;
            }
            JsonNode extensions = entry.path("extensions");
            entries.add(new LoreEntry(strings(entry.path("keys")), strings(entry.path("secondary_keys")),
                    entry.path("selective").asBoolean(false),
                    LoreEntry.Logic.of(extensions.path("selectiveLogic").asInt(0)),
                    entry.path("constant").asBoolean(false), entry.path("case_sensitive").asBoolean(false),
                    entry.path("use_regex").asBoolean(false), extensions.path("exclude_recursion").asBoolean(false),
                    extensions.path("prevent_recursion").asBoolean(false), entry.path("insertion_order").asInt(0),
                    placement(entry), Math.max(0, extensions.path("depth").asInt(DEFAULT_LORE_DEPTH)),
                    entry.path("content").asText()));
        }
        entries.sort(Comparator.comparingInt(LoreEntry::insertionOrder));
        return new Lorebook(List.copyOf(entries), book.path("scan_depth").asInt(Lorebook.DEFAULT_SCAN_DEPTH),
                Math.max(0, book.path("token_budget").asInt(0)), book.path("recursive_scanning").asBoolean(false));
    }

    /**
     * An entry's place: SillyTavern's own number when it wrote one ({@code extensions.position}: 0 before the
     * character, 4 at a depth, its author's-note and example places after the character), else the spec's
     * {@code position} ({@code before_char} or {@code after_char}).
     */
    private static LoreEntry.Placement placement(JsonNode entry) {
        JsonNode position = entry.path("extensions").path("position");
        if (position.isInt()) {
            return switch (position.asInt()) {
                case 0 -> LoreEntry.Placement.BEFORE_CHAR;
                case 4 -> LoreEntry.Placement.AT_DEPTH;
                default -> LoreEntry.Placement.AFTER_CHAR;
            };
        }
        return "before_char".equals(entry.path("position").asText()) ? LoreEntry.Placement.BEFORE_CHAR
                : LoreEntry.Placement.AFTER_CHAR;
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
