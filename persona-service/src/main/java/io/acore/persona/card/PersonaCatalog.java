package io.acore.persona.card;

import io.acore.persona.config.PersonaConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The personas this service can speak as: the built-in cards (listed in {@code personas/index.txt} on the
 * classpath) plus any cards ({@code *.json}, {@code *.png}) in {@code acore.persona.cards-dir}, which replace
 * built-ins of the same id. A card
 * that cannot be read is skipped with a log line saying why.
 */
@Startup
@ApplicationScoped
public class PersonaCatalog {
    private static final Logger LOG = Logger.getLogger(PersonaCatalog.class);
    private static final String BUILT_IN = "personas/";

    private final Map<String, CharacterCard> cards;

    public PersonaCatalog(CardParser parser, PersonaConfig config) {
        Map<String, CharacterCard> loaded = new LinkedHashMap<>();
        for (String file : builtInFiles()) {
            loadOne(parser, readClasspath(BUILT_IN + file), "built-in card " + file, loaded);
        }
        config.cardsDir().map(Path::of).ifPresent(dir -> loadFolder(parser, dir, loaded));
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no usable character cards: check acore.persona.cards-dir");
        }
        if (!loaded.containsKey(config.defaultPersona())) {
            throw new IllegalStateException("the default persona '" + config.defaultPersona()
                    + "' is not among the loaded personas " + loaded.keySet());
        }
        this.cards = Collections.unmodifiableMap(loaded);
        LOG.infof("Loaded %d personas: %s", cards.size(), cards.keySet());
    }

    public Collection<CharacterCard> all() {
        return cards.values();
    }

    public Optional<CharacterCard> find(String id) {
        return Optional.ofNullable(cards.get(id));
    }

    private static void loadOne(CardParser parser, byte[] content, String source, Map<String, CharacterCard> into) {
        try {
            CharacterCard card = parser.parse(content, source);
            into.put(card.id(), card);
        } catch (InvalidCardException e) {
            LOG.warnf("Skipping a character card: %s", e.getMessage());
        }
    }

    private static void loadFolder(CardParser parser, Path dir, Map<String, CharacterCard> into) {
        if (!Files.isDirectory(dir)) {
            LOG.warnf("The cards folder %s does not exist; only built-in personas are loaded", dir);
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{json,png}")) {
            for (Path file : files) {
                loadOne(parser, Files.readAllBytes(file), file.toString(), into);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cards folder " + dir, e);
        }
    }

    private static List<String> builtInFiles() {
        return new String(readClasspath(BUILT_IN + "index.txt"), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static byte[] readClasspath(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
