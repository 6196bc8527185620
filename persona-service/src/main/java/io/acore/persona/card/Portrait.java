package io.acore.persona.card;

import io.acore.events.Sha256;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A card's picture, as a persona's avatar: a PNG at most {@value #SIDE} pixels on its longer side (Discord shows
 * avatars far smaller), made once when the card is read.
 */
public record Portrait(byte[] png, String version) {
    static final int SIDE = 256;

    /** The picture scaled down and written as PNG; empty when the bytes are not an image this runtime reads. */
    static Optional<Portrait> of(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
            if (read == null) {
                return Optional.empty();
            }
            double scale = Math.min(1.0, SIDE / (double) Math.max(read.getWidth(), read.getHeight()));
            int width = Math.max(1, (int) Math.round(read.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(read.getHeight() * scale));
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            Graphics2D drawing = scaled.createGraphics();
            drawing.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            drawing.drawImage(read, 0, 0, width, height, null);
            drawing.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(scaled, "png", png);
            byte[] bytes = png.toByteArray();
            return Optional.of(new Portrait(bytes, Sha256.hex(bytes).substring(0, 12)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where Discord fetches it: persona-service's {@code /avatars/<path>.png} under the public {@code base}; the
     * version in the query changes with the picture, so a new one is fetched anew.
     */
    public String url(String base, String path) {
        return base.replaceAll("/+$", "") + "/avatars/" + path + ".png?v=" + version;
    }

    /** The card's avatar: its own URL, else its picture's under {@code base} when there is one; null when neither. */
    public static CharacterCard withAvatar(CharacterCard card, Optional<String> base, String path) {
        if (card.avatarUrl() != null || card.portrait() == null || base.isEmpty()) {
            return card;
        }
        return card.withAvatarUrl(card.portrait().url(base.get(), path));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Portrait portrait && Arrays.equals(png, portrait.png);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "Portrait[" + png.length + " bytes, " + version + "]";
    }
}
