package io.acore.persona.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
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
        assertThat(card.loreScanDepth()).isEqualTo(6);
        assertThat(card.lore()).extracting(LoreEntry::content).containsExactly("The red boat.", "Tom ran the harbour.");
        assertThat(card.lore().get(0).matches("a red boat")).isTrue();
        assertThat(card.lore().get(0).matches("a blue boat")).isFalse();
    }

    @Test
    void readsCardsFromPngTextChunksPreferringV3() throws Exception {
        String v2 = "{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"Old Tom\"}}";
        String v3 = "{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"New Tom\"}}";

        assertThat(parser.parse(png(Map.of("chara", base64(v2))), "tom.png").name()).isEqualTo("Old Tom");
        assertThat(parser.parse(png(Map.of("chara", base64(v2), "ccv3", base64(v3))), "tom.png").name())
                .isEqualTo("New Tom");
        assertThatThrownBy(() -> parser.parse(png(Map.of("Comment", "just a picture")), "cat.png"))
                .isInstanceOf(InvalidCardException.class).hasMessageContaining("PNG without a character card");
        assertThatThrownBy(() -> parser.parse(png(Map.of("chara", "%%%")), "bad.png"))
                .hasMessageContaining("not base64");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A 1x1 PNG with the given tEXt chunks, written by the JDK's own PNG writer. */
    private static byte[] png(Map<String, String> textChunks) throws Exception {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        textChunks.forEach((keyword, value) -> {
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", keyword);
            entry.setAttribute("value", value);
            text.appendChild(entry);
        });
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
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
        assertThatThrownBy(() -> parse("{\"name\":\"V1 card\"}")).hasMessageContaining("not a V2 or V3 character card");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\" \"}}"))
                .hasMessageContaining("has no name");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"???\"}}"))
                .hasMessageContaining("no letters or digits");
    }
}
