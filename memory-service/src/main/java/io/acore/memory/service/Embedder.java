package io.acore.memory.service;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Sentence embeddings computed in this process with all-MiniLM-L6-v2 (384 dimensions, no network), scaled to unit
 * length so that a dot product is the cosine similarity. The model loads in the background at start-up (about 2 s);
 * until it has, {@link #embed} answers empty and recall uses keywords alone.
 */
@ApplicationScoped
public class Embedder {
    private static final Logger LOG = Logger.getLogger(Embedder.class);

    private volatile CompletableFuture<EmbeddingModel> model;

    void load(@Observes StartupEvent started) {
        loading();
    }

    private CompletableFuture<EmbeddingModel> loading() {
        if (model == null) {
            synchronized (this) {
                if (model == null) {
                    model = CompletableFuture.supplyAsync(() -> {
                        EmbeddingModel loaded = new AllMiniLmL6V2EmbeddingModel();
                        LOG.info("embedding model all-MiniLM-L6-v2 loaded");
                        return loaded;
                    }).whenComplete((loaded, failure) -> {
                        if (failure != null) {
                            LOG.error("embedding model all-MiniLM-L6-v2 could not be loaded: recall uses keywords only",
                                    failure);
                        }
                    });
                }
            }
        }
        return model;
    }

    /** The text's embedding, or empty while the model is still loading (or could not be loaded: see the log). */
    public Optional<float[]> embed(String text) {
        CompletableFuture<EmbeddingModel> loading = loading();
        if (!loading.isDone() || loading.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(unit(loading.join().embed(text).content().vector()));
    }

    /** The texts' embeddings, in order; waits for the model to load. */
    public List<float[]> embedAll(List<String> texts) {
        EmbeddingModel loaded = loading().join();
        return loaded.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> unit(embedding.vector())).toList();
    }

    static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = vector[i] * scale;
        }
        return scaled;
    }
}
