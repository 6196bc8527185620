package io.acore.memory.service;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.repository.DocumentRepository;
import io.acore.events.Sha256;
import io.acore.memory.repository.StorageUnavailableException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Keeps the operator's documents ({@code .md} and {@code .txt} files under {@code ACORE_MEMORY_DOCUMENTS_DIR},
 * subfolders included) indexed for recall: a new or changed file is split into chunks (paragraphs first, then
 * sentences) and embedded, a removed one forgotten. Looks again every {@code interval}.
 */
@ApplicationScoped
public class DocumentIndexer {
    private static final Logger LOG = Logger.getLogger(DocumentIndexer.class);

    private final DocumentRepository documents;
    private final Embedder embedder;
    private final MemoryConfig.Documents config;
    private final DocumentSplitter splitter;
    private final RecallIndex index;
    /** The indexed versions as of the last look: when they change (here or by another replica), recall reloads. */
    private Map<String, String> lastSeen = Map.of();
    /** What could not be read, warned about once until it can be. */
    private final Set<String> unreadable = new HashSet<>();

    public DocumentIndexer(DocumentRepository documents, Embedder embedder, RecallIndex index,
            MemoryConfig config) {
        this.documents = documents;
        this.index = index;
        this.embedder = embedder;
        this.config = config.documents();
        this.splitter = DocumentSplitters.recursive(this.config.chunkCharacters(), this.config.chunkCharacters() / 8);
    }

    @Scheduled(every = "${acore.memory.documents.interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void indexChanges() {
        config.dir().ifPresent(dir -> {
            try {
                synchronise(dir);
                Map<String, String> now = documents.indexed();
                if (!now.equals(lastSeen)) {
                    index.reload(MemoryScope.EVERYWHERE); // replaced chunks must not crowd out the new ones
                    lastSeen = now;
                }
            } catch (StorageUnavailableException e) {
                LOG.debugf("document indexing paused: %s", e.getMessage());
            }
        });
    }

    /** Indexes what is new or changed under {@code dir} and forgets what is gone; returns how many files changed. */
    int synchronise(Path dir) {
        Map<String, String> indexed = new HashMap<>(documents.indexed());
        int changed = 0;
        for (Path file : files(dir)) {
            String path = dir.relativize(file).toString();
            String before = indexed.remove(path);
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (unreadable.add(path)) {
                    LOG.warnf("cannot read operator document %s (is it UTF-8 text?): %s; it stays as it was", path, e);
                }
                continue;
            }
            unreadable.remove(path);
            String version = version(path, content);
            if (!version.equals(before)) {
                List<String> chunks = splitter.split(Document.from(content)).stream().map(TextSegment::text)
                        .filter(chunk -> !chunk.isBlank()).toList();
                if (chunks.isEmpty()) {
                    documents.remove(path); // nothing to recall in it
                    continue;
                }
                documents.replace(path, version, chunks, embedder.embedAll(chunks));
                LOG.infof("indexed operator document %s: %d chunks", path, chunks.size());
                changed++;
            }
        }
        for (String gone : indexed.keySet()) {
            documents.remove(gone);
            LOG.infof("forgot operator document %s: the file is gone", gone);
            changed++;
        }
        return changed;
    }

    private List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (unreadable.add(dir.toString())) {
                LOG.warnf("ACORE_MEMORY_DOCUMENTS_DIR %s is not a directory (yet): no operator documents", dir);
            }
            return List.of();
        }
        unreadable.remove(dir.toString());
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".md") || file.toString().endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    /** Which version of the file this is: a hash of its path and content. */
    private static String version(String path, String content) {
        return Sha256.hex(path + '\0' + content);
    }
}
