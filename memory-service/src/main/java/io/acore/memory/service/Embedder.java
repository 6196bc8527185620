package io.acore.memory.service;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Sentence embeddings computed in this process with e5-small-v2, quantized (384 dimensions, no network), scaled to
 * unit length so that a dot product is the cosine similarity. What is searched for is marked "query: ", what is
 * stored "passage: ", as the model was trained. Its similarities lie high and close together (unrelated texts about
 * 0.7, related ones 0.8 and above), which the thresholds in recall, facts and episodes follow. The model loads in the
 * background at start-up (about 2 s); until it has, {@link #embedQuery} answers empty and recall uses keywords alone.
 */
@ApplicationScoped
public class Embedder {
    private static final Logger LOG = Logger.getLogger(Embedder.class);
    static final String MODEL = "e5-small-v2 (quantized)";
    private static final String ONNX_FILE = "e5-small-v2-q.onnx";
    private static final String TOKENIZER_FILE = "e5-small-v2-q-tokenizer.json";
    private static final int DIMENSIONS = 384;
    private static final String QUERY = "query: ";
    private static final String PASSAGE = "passage: ";

    private volatile CompletableFuture<EmbeddingModel> model;

    void load(@Observes StartupEvent started) {
        loading();
    }

    private CompletableFuture<EmbeddingModel> loading() {
        if (model == null) {
            synchronized (this) {
                if (model == null) {
                    model = CompletableFuture.supplyAsync(() -> {
                        EmbeddingModel loaded = e5Small();
                        LOG.infof("embedding model %s loaded", MODEL);
                        return loaded;
                    }).whenComplete((loaded, failure) -> {
                        if (failure != null) {
                            LOG.errorf(failure, "embedding model %s could not be loaded: recall uses keywords only", MODEL);
                        }
                    });
                }
            }
        }
        return model;
    }

    /**
     * The model from its jar, run by ONNX Runtime on the calling thread alone. By default it also splits each embedding
     * over every core: on two cores that made one message's embedding no faster (3.5 ms) and cost twice the CPU, so two
     * requests at once waited on each other (6.2 ms each instead of 3.5). Several texts at once are embedded side by
     * side by the model's own executor. ONNX Runtime reads the model from a file copied out of the jar: read into
     * the heap instead, its 33 MB (twice that while being read) grew the heap for good at start.
     */
    private static EmbeddingModel e5Small() {
        ClassLoader jar = E5SmallV2QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream onnx = jar.getResourceAsStream(ONNX_FILE);
                InputStream tokenizer = jar.getResourceAsStream(TOKENIZER_FILE);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException(ONNX_FILE + " or its tokenizer is missing from the class path");
            }
            options.setIntraOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session(environment, onnx, options),
                    tokenizer, PoolingMode.MEAN);
            return new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return DIMENSIONS;
                }
            };
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("loading " + MODEL, e);
        }
    }

    /** A session over the model, from a temporary copy of it that is gone once the session holds the model. */
    private static OrtSession session(OrtEnvironment environment, InputStream onnx, OrtSession.SessionOptions options)
            throws IOException, OrtException {
        Path copy = Files.createTempFile("acore-embedding-", ".onnx");
        try {
            Files.copy(onnx, copy, StandardCopyOption.REPLACE_EXISTING);
            return environment.createSession(copy.toString(), options);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * The embedding of what is searched for, or empty while the model is still loading (or could not be loaded: see
     * the log).
     */
    public Optional<float[]> embedQuery(String text) {
        CompletableFuture<EmbeddingModel> loading = loading();
        if (!loading.isDone() || loading.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(unit(loading.join().embed(QUERY + text).content().vector()));
    }

    /** The embeddings of texts to be found, in order (none for none); waits for the model to load. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        EmbeddingModel loaded = loading().join();
        return loaded.embedAll(texts.stream().map(text -> TextSegment.from(PASSAGE + text)).toList()).content().stream()
                .map(embedding -> unit(embedding.vector())).toList();
    }

    /** How close two of this embedder's vectors are: their cosine similarity, as both are unit vectors. */
    public static double similarity(float[] one, float[] other) {
        double sum = 0;
        for (int i = 0; i < Math.min(one.length, other.length); i++) {
            sum += one[i] * other[i];
        }
        return sum;
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
