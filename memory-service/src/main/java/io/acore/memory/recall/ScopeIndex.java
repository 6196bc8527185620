package io.acore.memory.recall;

import io.acore.events.Sha256;
import io.acore.memory.repository.EmbeddingRepository.Searchable;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * One scope's turns and document chunks, found by their words (each word weighed by how rare it is in the scope, as
 * BM25's idf) and by meaning (an HNSW graph over the embeddings, one byte per dimension): a Lucene index on this
 * replica's disk, derived from the database and topped up from it with what any replica stored since. Searches read a
 * snapshot, many at once, never waiting for a top-up. Only ids leave it: what they stand for is read from the
 * database, so something forgotten is never recalled from here even before this index drops it.
 */
final class ScopeIndex implements Closeable {
    private static final Logger LOG = Logger.getLogger(ScopeIndex.class);
    private static final String ID = "id";
    /** The owner's id again, as a doc value: what a search reads back. */
    private static final String OWNER = "owner";
    private static final String KIND = "kind";
    private static final String VECTOR = "vector";
    private static final String WORDS = "words";
    /** When a turn was said, in milliseconds since the epoch: what a search within a stretch of time filters on. */
    private static final String AT = "at";
    /** The conversation a turn was said in: what a search for a persona leaves out the scenes it did not see by. */
    private static final String CONVERSATION = "conversation";
    /** The turn a reply answers: it goes when that turn is deleted. */
    private static final String ANSWERS = "answers";
    /** The digests of the users a turn concerns (see {@link Searchable#users}): it goes when one of them is erased. */
    private static final String USERS = "users";
    private static final float QUANTUM = 127f;
    /** The rarest words of a long message are enough to find what it is about, and keep the search cheap. */
    static final int MOST_WORDS = 32;
    /** Segments stay small enough that merging one never holds a large HNSW graph on the heap. */
    private static final double LARGEST_SEGMENT_MB = 128;

    private final String scope;
    private final Path dir;
    private final Source source;
    private final int postingsPerSearch;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock topping = new ReentrantLock();
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    private final TopUpPace pace = new TopUpPace();
    private long lastSeq;

    /**
     * {@code segments}: where its segments are written; {@code searching}: the threads that search its segments
     * beside the calling one, which searches too (a large scope has several segments, each its own HNSW graph);
     * {@code postingsPerSearch}: how many word occurrences a keyword search reads at most (see {@link #matches}).
     */
    ScopeIndex(String scope, Path dir, SmallSegments segments, Executor searching, int postingsPerSearch,
            Source source) {
        this.scope = scope;
        this.dir = dir;
        this.source = source;
        this.postingsPerSearch = postingsPerSearch;
        try {
            directory = segments.open(dir);
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setMaxMergedSegmentMB(LARGEST_SEGMENT_MB);
            writer = new IndexWriter(directory, new IndexWriterConfig(Words.ENGLISH).setOpenMode(OpenMode.CREATE)
                    .setMergePolicy(merges).setCommitOnClose(false));
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return new IndexSearcher(reader, searching);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("opening the recall index of " + scope + " in " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /**
     * Whether this thread may top up now. Paced (a search): no other thread is and one is due (at most once a second).
     * Not paced (the backlog's catch-up): after waiting for the thread that is. If so it holds the lock until
     * {@link #endTopUp}.
     */
    boolean startTopUp(boolean paced) {
        if (!paced) {
            topping.lock();
            return true;
        }
        if (!topping.tryLock()) {
            return false;
        }
        if (pace.due()) {
            return true;
        }
        topping.unlock();
        return false;
    }

    /** Whether this thread is the one to read the scope's backlog to its end; if so, it calls {@link #endCatchUp}. */
    boolean startCatchUp() {
        return catchingUp.compareAndSet(false, true);
    }

    void endCatchUp() {
        catchingUp.set(false);
    }

    /** Stops a top-up started by {@link #startTopUp}. */
    void endTopUp() {
        topping.unlock();
    }

    /**
     * Adds up to {@code page} of the scope's embeddings stored since the last top-up (an owner added again replaces
     * what was held of it) and makes them searchable; returns how many (as many as {@code page}: more may be
     * waiting). Call between
     * {@link #startTopUp} and {@link #endTopUp}.
     */
    int topUp(int page) {
        List<Searchable> added = source.since(lastSeq, page);
        try {
            for (Searchable embedding : added) {
                Document document = new Document();
                document.add(new StringField(ID, embedding.ownerId(), Store.NO));
                document.add(new BinaryDocValuesField(OWNER, new BytesRef(embedding.ownerId())));
                document.add(new SortedDocValuesField(KIND, new BytesRef(embedding.ownerKind())));
                document.add(new KnnByteVectorField(VECTOR, quantise(embedding.vector()),
                        VectorSimilarityFunction.DOT_PRODUCT));
                if (embedding.words() != null) {
                    document.add(new TextField(WORDS, embedding.words(), Store.NO));
                }
                if (embedding.at() != null) {
                    document.add(new LongPoint(AT, embedding.at().toEpochMilli()));
                }
                if (embedding.conversationId() != null) {
                    document.add(new StringField(CONVERSATION, embedding.conversationId(), Store.NO));
                }
                if (embedding.inReplyTo() != null) {
                    document.add(new StringField(ANSWERS, embedding.inReplyTo(), Store.NO));
                }
                for (String user : embedding.users()) {
                    document.add(new StringField(USERS, Sha256.hex(user), Store.NO));
                }
                writer.updateDocument(new Term(ID, embedding.ownerId()), document);
                lastSeq = embedding.seq();
            }
            if (!added.isEmpty()) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("indexing the embeddings of " + scope, e);
        }
        return added.size();
    }

    /**
     * Merges the index into as few segments as the size bound allows and makes the result searchable: a search walks
     * one HNSW graph per segment, and a backlog read page by page leaves many small ones. Waits for the merge.
     */
    void compact() {
        IndexSearcher searcher = acquire();
        try {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            long bytes = 0;
            for (LeafReaderContext leaf : leaves) {
                bytes += ((SegmentReader) FilterLeafReader.unwrap(leaf.reader())).getSegmentInfo().sizeInBytes();
            }
            int fewest = (int) Math.max(1, Math.ceil(bytes / (LARGEST_SEGMENT_MB * 1024 * 1024)));
            if (leaves.size() > fewest) {
                long start = System.nanoTime();
                writer.forceMerge(fewest);
                searchers.maybeRefreshBlocking();
                LOG.infof("merged the recall index of %s from %d segments into %d in %d ms", scope, leaves.size(),
                        fewest, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("merging the recall index of " + scope, e);
        } finally {
            release(searcher);
        }
    }

    /** How many segments a search walks now. */
    int segments() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            release(searcher);
        }
    }

    /** Drops the owners from this index (an edited turn, until it is embedded again). */
    void drop(Collection<String> ownerIds) {
        delete(ownerIds.stream().map(id -> new Term(ID, id)).toArray(Term[]::new));
    }

    /** Drops a deleted turn and the replies to it (they were deleted with it). */
    void dropDeleted(String turnId) {
        delete(new Term(ID, turnId), new Term(ANSWERS, turnId));
    }

    /** Drops every turn by or about the user whose id has this digest, and the replies to them (they were erased). */
    void dropUser(String userDigest) {
        delete(new Term(USERS, userDigest));
    }

    private void delete(Term... terms) {
        try {
            writer.deleteDocuments(terms);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("dropping forgotten turns from the recall index of " + scope, e);
        }
    }

    /**
     * The {@code limit} embeddings most similar to {@code query} (a unit vector), owners in {@code excluded} and
     * turns said in the {@code unseen} conversations left out, each with its cosine similarity, best first.
     */
    List<ScoredEmbedding> nearest(float[] query, int limit, Set<String> excluded, Set<String> unseen) {
        return nearest(query, outside(unseen, null), limit, excluded);
    }

    /** The same among the turns said from {@code from} until {@code until} (both included). */
    List<ScoredEmbedding> nearestWithin(float[] query, Instant from, Instant until, int limit, Set<String> excluded,
            Set<String> unseen) {
        return nearest(query, outside(unseen, LongPoint.newRangeQuery(AT, from.toEpochMilli(), until.toEpochMilli())),
                limit, excluded);
    }

    private List<ScoredEmbedding> nearest(float[] query, Query filter, int limit, Set<String> excluded) {
        int wanted = limit + excluded.size();
        return search(new KnnByteVectorQuery(VECTOR, quantise(query), wanted, filter), wanted, limit, excluded,
                (kind, id, score) -> new ScoredEmbedding(kind, new ScoredId(id, cosine(score, query.length))));
    }

    /** {@code filter} (null: everything) without the turns said in the {@code unseen} conversations. */
    private static Query outside(Set<String> unseen, Query filter) {
        if (unseen.isEmpty()) {
            return filter;
        }
        BooleanQuery.Builder kept = new BooleanQuery.Builder()
                .add(filter == null ? new MatchAllDocsQuery() : filter, Occur.FILTER);
        leaveOut(kept, unseen);
        return kept.build();
    }

    /** Adds to {@code query} that no turn said in the {@code unseen} conversations matches. */
    private static void leaveOut(BooleanQuery.Builder query, Set<String> unseen) {
        unseen.forEach(conversation -> query.add(new TermQuery(new Term(CONVERSATION, conversation)), Occur.MUST_NOT));
    }

    /**
     * The turns sharing words with {@code text}, best first, none said in the {@code unseen} conversations: a turn
     * scores the summed rarity (idf) of the words it holds, over the rarest {@link #MOST_WORDS} of the text's words —
     * and of those only as many, rarest first, as the scope's turns hold no more than {@code postingsPerSearch} times
     * together (always the rarest): the time a search takes follows what it reads, and the words left out are those
     * held by the most turns, which say the least about any of them.
     */
    List<ScoredId> matches(String text, int limit, Set<String> unseen) {
        Collection<String> words = Words.of(text);
        IndexSearcher searcher = acquire();
        try {
            // one segment after another on this thread: the keyword search runs beside the message's embedding
            IndexReader reader = searcher.getIndexReader();
            IndexSearcher onThisThread = new IndexSearcher(reader);
            int turns = reader.getDocCount(WORDS);
            List<Weighed> weighed = new ArrayList<>();
            for (Map.Entry<Term, TermStates> word : lookedUp(reader, words).entrySet()) {
                int holding = word.getValue().docFreq();
                if (holding > 0) {
                    weighed.add(new Weighed(new TermQuery(word.getKey(), word.getValue()), holding,
                            Math.log(1 + (turns - holding + 0.5) / (holding + 0.5))));
                }
            }
            if (weighed.isEmpty()) {
                return List.of();
            }
            weighed.sort(Comparator.comparingDouble(Weighed::rarity).reversed());
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            long postings = 0;
            for (Weighed word : weighed.subList(0, Math.min(MOST_WORDS, weighed.size()))) {
                postings += word.holding();
                if (postings > postingsPerSearch && postings > word.holding()) {
                    break;
                }
                query.add(new BoostQuery(new ConstantScoreQuery(word.query()), (float) word.rarity()), Occur.SHOULD);
            }
            leaveOut(query, unseen);
            return found(onThisThread, query.build(), limit, limit, Set.of(),
                    (kind, id, score) -> new ScoredId(id, score));
        } catch (IOException e) {
            throw new UncheckedIOException("searching the words of " + scope, e);
        } finally {
            release(searcher);
        }
    }

    /**
     * Each word looked up once in each segment's dictionary, through one reader of that dictionary for them all: how
     * many turns hold it, and where the query then reads its postings from. In text order.
     */
    private static Map<Term, TermStates> lookedUp(IndexReader reader, Collection<String> words) throws IOException {
        Map<Term, TermStates> found = new LinkedHashMap<>();
        for (String word : words) {
            found.put(new Term(WORDS, word), new TermStates(reader.getContext()));
        }
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(WORDS);
            if (terms == null) {
                continue;
            }
            TermsEnum dictionary = terms.iterator();
            for (Map.Entry<Term, TermStates> word : found.entrySet()) {
                if (dictionary.seekExact(word.getKey().bytes())) {
                    word.getValue().register(dictionary.termState(), leaf.ord, dictionary.docFreq(),
                            dictionary.totalTermFreq());
                }
            }
        }
        return found;
    }

    private <T> List<T> search(Query query, int wanted, int limit, Set<String> excluded, Hit<T> hit) {
        IndexSearcher searcher = acquire();
        try {
            return found(searcher, query, wanted, limit, excluded, hit);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the recall index of " + scope, e);
        } finally {
            release(searcher);
        }
    }

    private static <T> List<T> found(IndexSearcher searcher, Query query, int wanted, int limit, Set<String> excluded,
            Hit<T> hit) throws IOException {
        // counting no further than the hits wanted lets the search skip what cannot make them (the same hits)
        int hits = Math.min(wanted, Math.max(1, searcher.getIndexReader().maxDoc()));
        ScoreDoc[] best = searcher.search(query, new TopScoreDocCollectorManager(hits, null, hits)).scoreDocs;
        String[][] owners = owners(searcher, best);
        List<T> found = new ArrayList<>();
        for (int i = 0; i < best.length && found.size() < limit; i++) {
            if (!excluded.contains(owners[i][1])) {
                found.add(hit.of(owners[i][0], owners[i][1], best[i].score));
            }
        }
        return found;
    }

    /**
     * The kind and id of each hit, read from doc values (stored fields would decompress a block per hit): in document
     * order, as doc values are read, then put back in the hits' order.
     */
    private static String[][] owners(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        Integer[] byDoc = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[][] owners = new String[hits.length][];
        LeafReaderContext leaf = null;
        SortedDocValues kinds = null;
        String[] kindNames = null;
        BinaryDocValues ids = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                kinds = DocValues.getSorted(leaf.reader(), KIND);
                kindNames = new String[kinds.getValueCount()];
                ids = DocValues.getBinary(leaf.reader(), OWNER);
            }
            kinds.advanceExact(doc - leaf.docBase);
            ids.advanceExact(doc - leaf.docBase);
            int kind = kinds.ordValue();
            if (kindNames[kind] == null) {
                kindNames[kind] = text(kinds.lookupOrd(kind));
            }
            owners[i] = new String[] {kindNames[kind], text(ids.binaryValue())};
        }
        return owners;
    }

    /** The bytes read as UTF-8: an ASCII id is copied once (BytesRef#utf8ToString goes through a char[] first). */
    private static String text(BytesRef bytes) {
        return new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("opening the recall index of " + scope, e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("closing a search of " + scope, e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.rollback(); // closes it; nothing here needs keeping, the database holds it all
        directory.close();
    }

    static byte[] quantise(float[] unit) {
        byte[] bytes = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            bytes[i] = (byte) Math.round(Math.max(-1f, Math.min(1f, unit[i])) * QUANTUM);
        }
        return bytes;
    }

    /** Lucene scores two byte vectors {@code 0.5 + dot / (dimensions · 2¹⁵)}; the cosine is the dot over 127². */
    static double cosine(float score, int dimensions) {
        return (score - 0.5) * dimensions * (1 << 15) / (QUANTUM * QUANTUM);
    }

    /** Where the scope's embeddings are read from, oldest first. */
    @FunctionalInterface
    interface Source {
        List<Searchable> since(long afterSeq, int most);
    }

    /**
     * A word of the message, as the query that finds it, how many turns of the scope hold it, and its rarity there
     * (BM25's idf).
     */
    private record Weighed(TermQuery query, int holding, double rarity) {
    }

    @FunctionalInterface
    private interface Hit<T> {
        T of(String kind, String id, float score);
    }
}
