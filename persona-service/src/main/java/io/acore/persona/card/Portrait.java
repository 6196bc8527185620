package io.acore.persona.card;

import io.acore.events.Sha256;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A card's picture, as a persona's avatar: a PNG at most {@value #SIDE} pixels on its longer side (Discord shows
 * avatars far smaller), made once when the card is read.
 */
public record Portrait(byte[] png, String version) {
    static final int SIDE = 256;
    /** The largest picture read, a side: a few megabytes of file can describe a picture far too large to decode. */
    static final int LARGEST_SIDE = 4096;

    /**
     * The picture scaled down and written as PNG; empty when the bytes are not an image this runtime reads, or one
     * larger than {@value #LARGEST_SIDE} pixels a side (its size is read from its header before any pixel); a large
     * one is decoded every n-th pixel, so that no more than twice the portrait's pixels are ever held.
     */
    static Optional<Portrait> of(byte[] image) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = input == null ? Collections.emptyIterator() : ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            BufferedImage read;
            try {
                reader.setInput(input, true, true);
                int longer = Math.max(reader.getWidth(0), reader.getHeight(0));
                if (longer > LARGEST_SIDE) {
                    return Optional.empty();
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, longer / (SIDE * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                read = reader.read(0, param);
            } finally {
                reader.dispose();
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
