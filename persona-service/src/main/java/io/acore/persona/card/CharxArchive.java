package io.acore.persona.card;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A CharX card: a zip holding {@code card.json} (a V3 card) beside its assets. */
final class CharxArchive {
    private static final byte[] SIGNATURE = {'P', 'K', 3, 4};

    private CharxArchive() {
    }

    static boolean isZip(byte[] content) {
        return PngTextChunks.startsWith(content, SIGNATURE);
    }

    /**
     * The file an asset's {@code embeded://} URI names inside the archive (the CharX spelling; {@code embedded://}
     * too), when it is there and no larger than {@code most} bytes.
     */
    static Optional<byte[]> embedded(byte[] zip, String uri, int most) {
        String path = uri.replaceFirst("^embedd?ed://", "");
        if (path.equals(uri)) {
            return Optional.empty();
        }
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (path.equals(entry.getName())) {
                    byte[] file = entries.readNBytes(most + 1);
                    return file.length > most ? Optional.empty() : Optional.of(file);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The archive's {@code card.json}, read no further than {@code most} bytes. */
    static byte[] cardJson(byte[] zip, int most, String source) {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if ("card.json".equals(entry.getName())) {
                    byte[] json = entries.readNBytes(most + 1);
                    if (json.length > most) {
                        throw new InvalidCardException(source + ": its card.json is larger than a card may be ("
                                + most / (1024 * 1024) + " MB)");
                    }
                    return json;
                }
            }
        } catch (IOException e) {
            throw new InvalidCardException(source + " is not a readable CharX archive (zip): " + e.getMessage(), e);
        }
        throw new InvalidCardException(source + " is a zip without a card.json: not a CharX card");
    }
}
