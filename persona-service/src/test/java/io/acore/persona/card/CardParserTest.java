package io.acore.persona.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class CardParserTest {
    private final CardParser parser = new CardParser(new ObjectMapper());

    private CharacterCard parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void readsAV2Card() {
        CharacterCard card = parse("""
                {"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Old Tom","description":"d",
                 "first_mes":"Hi {{user}}","post_history_instructions":"p","tags":["x"],
                 "extensions":{"acore":{"avatar_url":"https://example.org/tom.png"}},"unknown":1,
                 "character_book":{"scan_depth":6,"entries":[
                   {"keys":["harbour"],"content":"Tom ran the harbour.","enabled":true,"insertion_order":5},
                   {"keys":["x"],"content":"disabled","enabled":false,"insertion_order":1},
                   {"keys":["boat"],"secondary_keys":["red"],"selective":true,"content":"The red boat.","insertion_order":2}]}}}""");

        assertThat(card.id()).isEqualTo("old-tom");
        assertThat(card.name()).isEqualTo("Old Tom");
        assertThat(card.firstMessage()).isEqualTo("Hi {{user}}");
        assertThat(card.personality()).isEmpty();
        assertThat(card.avatarUrl()).isEqualTo("https://example.org/tom.png");
        assertThat(card.tags()).containsExactly("x");
        assertThat(card.lore().scanDepth()).isEqualTo(6);
        assertThat(card.lore().entries()).extracting(LoreEntry::content)
                .containsExactly("The red boat.", "Tom ran the harbour.");
        assertThat(card.lore().entries().get(0).matches("a red boat")).isTrue();
        assertThat(card.lore().entries().get(0).matches("a blue boat")).isFalse();
    }

    @Test
    void readsCardsFromPngTextChunksOfEveryKindPreferringV3() throws Exception {
        String v2 = "{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Old Tom\"}}";
        String v3 = "{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"New Tom\"}}";

        assertThat(parser.parse(png(List.of(tEXt("chara", base64(v2)))), "tom.png").name()).isEqualTo("Old Tom");
        assertThat(parser.parse(png(List.of(iTXt("chara", base64(v2), false))), "tom.png").name())
                .isEqualTo("Old Tom");
        assertThat(parser.parse(png(List.of(iTXt("chara", base64(v2), true))), "tom.png").name())
                .as("a compressed iTXt chunk").isEqualTo("Old Tom");
        assertThat(parser.parse(png(List.of(tEXt("chara", base64(v2)), tEXt("ccv3", base64(v3)))), "tom.png").name())
                .isEqualTo("New Tom");
        assertThat(parser.parse(png(List.of(tEXt("chara", base64(v2)), iTXt("ccv3", base64(v3), false))), "tom.png")
                .name()).as("ccv3 wins, whatever chunk holds it").isEqualTo("New Tom");
        assertThatThrownBy(() -> parser.parse(png(List.of(tEXt("Comment", "just a picture"))), "cat.png"))
                .isInstanceOf(InvalidCardException.class).hasMessageContaining("cat.png")
                .hasMessageContaining("PNG without a character card");
        assertThatThrownBy(() -> parser.parse(png(List.of(tEXt("chara", "%%%"))), "bad.png"))
                .hasMessageContaining("bad.png").hasMessageContaining("not base64");
    }

    @Test
    void readsAV1FlatCardAsSillyTavernConvertsIt() {
        CharacterCard tavern = parse("""
                {"name":"Old Tom","description":"{{char}} mends nets.","personality":"gruff","scenario":"a harbour",
                 "first_mes":"Ahoy.","mes_example":"<START>"}""");
        CharacterCard pygmalion = parse("""
                {"char_name":"Wren","char_persona":"A ranger.","world_scenario":"the woods","char_greeting":"Hush."}""");

        assertThat(tavern).extracting(CharacterCard::id, CharacterCard::name, CharacterCard::description,
                CharacterCard::personality, CharacterCard::firstMessage)
                .containsExactly("old-tom", "Old Tom", "{{char}} mends nets.", "gruff", "Ahoy.");
        assertThat(pygmalion).extracting(CharacterCard::name, CharacterCard::description, CharacterCard::scenario,
                CharacterCard::firstMessage).containsExactly("Wren", "A ranger.", "the woods", "Hush.");
    }

    @Test
    void aV3CardIsShownByItsNickname() {
        CharacterCard card = parse("""
                {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Thomas Whitlock","nickname":"Tom",
                 "group_only_greetings":[],"assets":[]}}""");
        assertThat(card.id()).isEqualTo("thomas-whitlock");
        assertThat(card.name()).isEqualTo("Tom");
    }

    @Test
    void readsACharxArchiveWithItsMainIconAsItsPortraitScaledDown() throws Exception {
        byte[] charx = CardFiles.zip(Map.of("card.json", """
                {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Wren","description":"A ranger.",
                 "assets":[{"type":"icon","uri":"embeded://assets/icon/images/other.png","name":"other","ext":"png"},
                           {"type":"icon","uri":"embeded://assets/icon/images/main.png","name":"main","ext":"png"}]}}""",
                "assets/icon/images/main.png", CardFiles.picture(600, 400),
                "assets/icon/images/other.png", CardFiles.picture(10, 10)));

        CharacterCard card = parser.parse(charx, "wren.charx");

        assertThat(card.name()).isEqualTo("Wren");
        assertThat(card.description()).isEqualTo("A ranger.");
        BufferedImage portrait = ImageIO.read(new ByteArrayInputStream(card.portrait().png()));
        assertThat(portrait.getWidth()).as("the main icon, its longer side scaled to 256").isEqualTo(256);
        assertThat(portrait.getHeight()).isEqualTo(171);
        byte[] broken = CardFiles.zip(Map.of("card.json", """
                {"spec":"chara_card_v3","data":{"name":"Wren","assets":[{"type":"icon",
                 "uri":"embeded://assets/icon/images/main.png","name":"main"}]}}""",
                "assets/icon/images/main.png", "not really a picture"));
        assertThat(parser.parse(broken, "broken.charx").portrait()).as("an icon that is not a picture").isNull();
        byte[] vast = CardFiles.zip(Map.of("card.json", """
                {"spec":"chara_card_v3","data":{"name":"Wren","assets":[{"type":"icon",
                 "uri":"embeded://assets/icon/images/main.png","name":"main"}]}}""",
                "assets/icon/images/main.png", CardFiles.picture(5000, 8)));
        assertThat(parser.parse(vast, "vast.charx").portrait()).as("a picture over 4096 pixels a side is not read")
                .isNull();
        assertThat(parser.parse(CardFiles.zip(Map.of("card.json", """
                {"spec":"chara_card_v3","data":{"name":"Wren"}}""")), "plain.charx").portrait()).isNull();
        assertThatThrownBy(() -> parser.parse(CardFiles.zip(Map.of("readme.txt", "hello")), "other.charx"))
                .hasMessageContaining("other.charx").hasMessageContaining("without a card.json");
    }

    @Test
    void refusesATooLargeATruncatedAndANonCardFileNamingIt() throws Exception {
        String v2 = "{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Old Tom\",\"description\":\""
                + "x".repeat(9 * 1024 * 1024) + "\"}}";
        assertThatThrownBy(() -> parser.parse(v2.getBytes(StandardCharsets.UTF_8), "huge.json"))
                .hasMessageContaining("huge.json is 9.0 MB, larger than the 8 MB a card may be");
        byte[] whole = "{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Old Tom\"}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(Arrays.copyOf(whole, whole.length / 2), "cut.json"))
                .hasMessageContaining("cut.json is not valid JSON (truncated");
        byte[] png = png(List.of(tEXt("chara", base64(new String(whole, StandardCharsets.UTF_8)))));
        assertThatThrownBy(() -> parser.parse(Arrays.copyOf(png, png.length / 2), "cut.png"))
                .isInstanceOf(InvalidCardException.class).hasMessageContaining("cut.png");
        assertThatThrownBy(() -> parser.parse("just some notes".getBytes(StandardCharsets.UTF_8), "notes.json"))
                .hasMessageContaining("notes.json");
        assertThatThrownBy(() -> parse("{\"title\":\"minutes\",\"name\":\"meeting\"}"))
                .hasMessageContaining("test.json is not a character card");
    }

    @Test
    void lorebookEntriesFireBySelectiveLogicRegexKeysAndRecursionWithinTheTokenBudget() {
        CharacterCard card = parse("""
                {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Tom","character_book":{
                  "scan_depth":2,"token_budget":12,"recursive_scanning":true,"entries":[
                   {"keys":["boat"],"secondary_keys":["red","old"],"selective":true,"extensions":{"selectiveLogic":3},
                    "content":"ALL: the old red boat.","insertion_order":1},
                   {"keys":["boat"],"secondary_keys":["storm"],"selective":true,"extensions":{"selectiveLogic":2},
                    "content":"NOT ANY: calm water.","insertion_order":2},
                   {"keys":["/light ?house/i"],"use_regex":true,"content":"The keeper is called Ada.","insertion_order":3},
                   {"keys":["Ada"],"content":"Ada sails at dawn.","insertion_order":4},
                   {"keys":["dawn"],"extensions":{"exclude_recursion":true},"content":"Never by recursion.",
                    "insertion_order":5},
                   {"keys":["harbour"],"content":"A long entry that the token budget leaves out of the prompt.",
                    "insertion_order":6}]}}}""");
        Lorebook book = card.lore();
        ToIntFunction<String> words = text -> text.split(" ").length;

        assertThat(contents(book.activated("an old red boat", words))).containsExactly("ALL: the old red boat.",
                "NOT ANY: calm water.");
        assertThat(contents(book.activated("a red boat in a storm", words))).isEmpty();
        assertThat(contents(book.activated("the LIGHTHOUSE", words))).as("a regex key, then what its content sets off")
                .containsExactly("The keeper is called Ada.", "Ada sails at dawn.");
        assertThat(contents(book.activated("the lighthouse by the harbour", words))).as("within 12 tokens")
                .containsExactly("The keeper is called Ada.", "Ada sails at dawn.");
        assertThat(contents(book.activated("the harbour", words))).as("alone it fits")
                .containsExactly("A long entry that the token budget leaves out of the prompt.");
    }

    private static List<String> contents(List<LoreEntry> entries) {
        return entries.stream().map(LoreEntry::content).toList();
    }

    @Test
    void lorebookEntriesKeepTheirPlaceInThePrompt() {
        CharacterCard card = parse("""
                {"spec":"chara_card_v2","data":{"name":"Tom","character_book":{"entries":[
                   {"keys":["a"],"content":"spec before","position":"before_char"},
                   {"keys":["a"],"content":"spec after","position":"after_char"},
                   {"keys":["a"],"content":"tavern before","position":"after_char","extensions":{"position":0}},
                   {"keys":["a"],"content":"tavern at depth","extensions":{"position":4,"depth":2}},
                   {"keys":["a"],"content":"no place said"}]}}}""");
        assertThat(card.lore().entries()).extracting(LoreEntry::content, LoreEntry::placement).containsExactly(
                tuple("spec before", LoreEntry.Placement.BEFORE_CHAR), tuple("spec after", LoreEntry.Placement.AFTER_CHAR),
                tuple("tavern before", LoreEntry.Placement.BEFORE_CHAR),
                tuple("tavern at depth", LoreEntry.Placement.AT_DEPTH), tuple("no place said", LoreEntry.Placement.AFTER_CHAR));
        assertThat(card.lore().entries().get(3).depth()).isEqualTo(2);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static IIOMetadataNode tEXt(String keyword, String value) {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        return entry;
    }

    private static IIOMetadataNode iTXt(String keyword, String text, boolean compressed) {
        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("compressionFlag", compressed ? "TRUE" : "FALSE");
        entry.setAttribute("compressionMethod", "0");
        entry.setAttribute("languageTag", "");
        entry.setAttribute("translatedKeyword", "");
        entry.setAttribute("text", text);
        return entry;
    }

    /** A 1x1 PNG with the given text chunk entries ({@link #tEXt}, {@link #iTXt}), written by the JDK's PNG writer. */
    static byte[] png(List<IIOMetadataNode> entries) throws Exception {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        for (IIOMetadataNode entry : entries) {
            String chunk = entry.getNodeName().replace("Entry", "");
            IIOMetadataNode holder = new IIOMetadataNode(chunk);
            holder.appendChild(entry);
            root.appendChild(holder);
        }
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void rejectsWhatIsNotAUsableCardSayingWhy() {
        assertThatThrownBy(() -> parse("{not json")).isInstanceOf(InvalidCardException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"name\":\"V1 card\"}")).hasMessageContaining("not a character card");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v9\",\"data\":{}}")).hasMessageContaining("unknown spec");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\" \"}}"))
                .hasMessageContaining("has no name");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"???\"}}"))
                .hasMessageContaining("no letters or digits");
    }
}
