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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The personas this service can speak as: the built-in cards (listed in {@code personas/index.txt} on the
 * classpath) plus any cards ({@code *.json}, {@code *.png}, {@code *.charx}) in {@code acore.persona.cards-dir}, which
 * replace built-ins of the same id. A card that cannot be read, or whose id another card of the folder already has
 * (files read in name order), is skipped with a log line naming the file and saying why.
 */
@Startup
@ApplicationScoped
public class PersonaCatalog {
    private static final Logger LOG = Logger.getLogger(PersonaCatalog.class);
    private static final String BUILT_IN = "personas/";

    private final Map<String, CharacterCard> cards;

    public PersonaCatalog(CardParser parser, PersonaConfig config) {
        Map<String, CharacterCard> loaded = new LinkedHashMap<>();
        Map<String, String> builtIn = new HashMap<>();
        for (String file : builtInFiles()) {
            loadOne(parser, readClasspath(BUILT_IN + file), "built-in card " + file, loaded, builtIn);
        }
        config.cardsDir().map(Path::of).ifPresent(dir -> loadFolder(parser, dir, loaded));
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no usable character cards: check acore.persona.cards-dir");
        }
        if (!loaded.containsKey(config.defaultPersona())) {
            throw new IllegalStateException("the default persona '" + config.defaultPersona()
                    + "' is not among the loaded personas " + loaded.keySet());
        }
        loaded.replaceAll((id, card) -> Portrait.withAvatar(card, config.avatarBaseUrl(), id));
        this.cards = Collections.unmodifiableMap(loaded);
        LOG.infof("Loaded %d personas: %s", cards.size(), cards.keySet());
    }

    public Collection<CharacterCard> all() {
        return cards.values();
    }

    public Optional<CharacterCard> find(String id) {
        return Optional.ofNullable(cards.get(id));
    }

    /**
     * Loads one card; {@code sameOrigin} holds the ids already loaded from where this one comes (the built-ins, or
     * the folder): a clash there skips the card, while a folder card replaces a built-in of its id.
     */
    private static void loadOne(CardParser parser, byte[] content, String source, Map<String, CharacterCard> into,
            Map<String, String> sameOrigin) {
        try {
            CharacterCard card = parser.parse(content, source);
            String earlier = sameOrigin.get(card.id());
            if (earlier != null) {
                LOG.warnf("Skipping a character card: %s is '%s', as %s is, which was loaded; rename one of them",
                        source, card.id(), earlier);
                return;
            }
            if (into.containsKey(card.id())) {
                LOG.infof("%s replaces the built-in card '%s'", source, card.id());
            }
            into.put(card.id(), card);
            sameOrigin.put(card.id(), source);
        } catch (InvalidCardException e) {
            LOG.warnf("Skipping a character card: %s", e.getMessage());
        }
    }

    private static void loadFolder(CardParser parser, Path dir, Map<String, CharacterCard> into) {
        if (!Files.isDirectory(dir)) {
            LOG.warnf("The cards folder %s does not exist; only built-in personas are loaded", dir);
            return;
        }
        Map<String, String> fromFolder = new HashMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> cards = Files.newDirectoryStream(dir, "*.{json,png,charx}")) {
            cards.forEach(files::add);
            files.sort(Comparator.naturalOrder()); // the same card wins a clash of names on every start
            for (Path file : files) {
                long size = Files.size(file);
                if (size > CardParser.MAX_CARD_BYTES) {
                    LOG.warnf("Skipping a character card: %s", CardParser.tooLarge(file.toString(), size).getMessage());
                } else {
                    loadOne(parser, Files.readAllBytes(file), file.toString(), into, fromFolder);
                }
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
