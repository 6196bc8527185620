package io.acore.persona.card;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads the text chunks of a PNG file ({@code tEXt}, {@code zTXt} and {@code iTXt}, where character cards keep their
 * JSON) with the JDK's PNG reader, which also inflates the compressed ones.
 */
final class PngTextChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String FORMAT = "javax_imageio_png_1.0";

    private PngTextChunks() {
    }

    static boolean isPng(byte[] content) {
        return startsWith(content, SIGNATURE);
    }

    /** Whether {@code content} begins with {@code signature}, a file format's first bytes. */
    static boolean startsWith(byte[] content, byte[] signature) {
        return content.length >= signature.length
                && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
    }

    /** Keyword to text of every text chunk. */
    static Map<String, String> read(byte[] png) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IOException("not a readable PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, false);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Map<String, String> chunks = new HashMap<>();
                collect(metadata.getAsTree(FORMAT), chunks);
                return chunks;
            } finally {
                reader.dispose();
            }
        }
    }

    private static void collect(Node node, Map<String, String> chunks) {
        String text = switch (node.getNodeName()) {
            case "tEXtEntry", "zTXtEntry" -> "value";
            case "iTXtEntry" -> "text";
            default -> null;
        };
        if (text != null) {
            NamedNodeMap attributes = node.getAttributes();
            chunks.put(attributes.getNamedItem("keyword").getNodeValue(), attributes.getNamedItem(text).getNodeValue());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, chunks);
        }
    }
}
