package io.acore.memory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "acore.memory")
public interface MemoryConfig {
    History history();

    Context context();

    Recall recall();

    Summaries summaries();

    Facts facts();

    Retention retention();

    Erasure erasure();

    Documents documents();

    interface History {
        /** How many messages one history query may return at most. */
        @WithDefault("200")
        int maxLimit();
    }

    interface Context {
        /** How many recent turns the context call looks at before it trims them to the caller's token budget. */
        @WithDefault("40")
        int recentTurns();

        /** How many facts about the user it returns at most. */
        @WithDefault("12")
        int facts();
    }

    interface Recall {
        /** How many older items the context call recalls at most (a recalled question and its reply: two). */
        @WithDefault("10")
        int limit();

        /** How many candidates each of keyword and vector search proposes before they are weighed together. */
        @WithDefault("50")
        int candidates();

        /**
         * The cosine similarity at which meaning starts to count: a match's meaning score is how far it lies above
         * this, over how far the best match does (what is found by meaning alone must lie above it). e5-small-v2 puts
         * a question and a turn on another subject at about 0.72.
         */
        @WithDefault("0.75")
        double minSimilarity();

        /** How much closeness in meaning counts beside shared words (the best keyword match counts 1). */
        @WithDefault("2.0")
        double meaningWeight();

        /**
         * How many word occurrences a keyword search reads at most: the rarest words of the message are searched until
         * the turns holding them add up to this (at 1,000,000 turns a common word is held by tens of thousands).
         */
        @WithDefault("200000")
        int postingsPerSearch();

        /** How much more a turn counts when the message names its speaker ("what did Maria …"): 0.35 is about a third. */
        @WithDefault("0.35")
        double speakerBoost();

        /**
         * How much more a turn counts when it was written in the stretch of time the message names ("in March
         * 2023", "last week"): 0.5 is half.
         */
        @WithDefault("0.5")
        double dateBoost();

        /** How much of the better score of the turns just before and after a turn adds to its own. */
        @WithDefault("0.3")
        double neighbourWeight();

        /** The same for the turns two before and two after. */
        @WithDefault("0.2")
        double secondNeighbourWeight();

        /**
         * What a turn that asks (its last sentence begins as a question does, by its words) is worth recalled,
         * against one that tells: it still lends its score to the turns around it, among them its answer.
         */
        @WithDefault("0.85")
        double questionWorth();

        /**
         * The length (characters) below which a turn is worth less recalled, by the fourth root of its share of it:
         * "Wow, cool!" half, a line of 40 characters 0.7 (0: every length alike).
         */
        @WithDefault("160")
        int fullLength();

        /**
         * What a turn that says again what earlier turns said (nearly all its words stand in one or two of them) is
         * worth recalled beside them (1: as much as any).
         */
        @WithDefault("0.5")
        double retellingWorth();

        /** Whether a turn is embedded after the turn before it (false: alone), its speaker's name first either way. */
        @WithDefault("true")
        boolean embedWithPrevious();

        /** How often the indexer looks for turns to embed. */
        @WithDefault("1s")
        Duration embeddingInterval();

        /**
         * How long the indexer may leave turns waiting while replies this replica gave context for are still to come
         * (0: it does not wait): the cores first embed for the users waiting on a reply, then for recall.
         */
        @WithDefault("10s")
        Duration embeddingMaxDeferral();

        /** How many turns the indexer embeds per round trip. */
        @WithDefault("32")
        int embeddingBatch();

        /**
         * How many scopes' search indexes a replica keeps open (the least recently searched is closed; searched again,
         * it is read again from the database). Their vectors and words lie on disk, mapped into memory, not on the heap.
         */
        @WithDefault("500")
        int openScopes();

        /**
         * How many megabytes of the search indexes' newest, small segments a replica holds in memory rather than in
         * files, all open scopes together (0: all in files).
         */
        @WithDefault("32")
        double segmentsInMemoryMb();

        /** Where the search indexes are kept (emptied at start); a fresh temporary directory when unset. */
        Optional<Path> indexDir();
    }

    interface Summaries {
        /** The newest turns of a conversation are never summarised: the prompt has them verbatim. */
        @WithDefault("20")
        int keepRecent();

        /** How many turns beyond those wait before they are folded into the summary. */
        @WithDefault("20")
        int foldAfter();

        /** The most turns one fold takes: a long backlog is folded in several bounded calls, oldest first. */
        @WithDefault("100")
        int mostPerFold();

        /** How often conversations due for a summary are looked for. */
        @WithDefault("5s")
        Duration interval();

        /**
         * The most folds of one conversation in a round: a long backlog goes on being folded while the round lasts,
         * the conversations due taking turns, instead of one fold per conversation every {@link #interval}.
         */
        @WithDefault("10")
        int mostFoldsPerRound();

        /** The longest summary kept, in characters. */
        @WithDefault("2000")
        int maxCharacters();

        /**
         * How long a conversation whose fold failed (the model down, a refusal, an answer that is no summary) waits
         * before it is tried again; doubled for each failure in a row, up to {@link #longestRetry}.
         */
        @WithDefault("30s")
        Duration retryAfter();

        @WithDefault("1h")
        Duration longestRetry();

        /**
         * How many episodes (what one fold's stretch of turns was about, with its dates) a context call recalls at
         * most: those of the conversation closest in meaning to the message, or told of the time it names.
         */
        @WithDefault("2")
        int episodesRecalled();

        /** How close in meaning (cosine similarity) an episode must be to the message to be recalled for it. */
        @WithDefault("0.78")
        double episodeSimilarity();
    }

    interface Facts {
        /**
         * How long a user turn waits before facts are looked for in it, so that its reply (who heard it) is in; a
         * reply that comes later, while the persona works through a queue or a slow model, is waited for up to
         * {@link #longestWait}. Also the pause after which a speaker's turns are read together.
         */
        @WithDefault("20s")
        Duration settle();

        /**
         * How long a user's answered turns wait at most while they go on talking in the same scope, so that one call
         * reads several of them; once they pause for {@link #settle}, their turns are read at once. A turn still
         * without a reply after this long was said to nobody (members among themselves) and is passed over.
         */
        @WithDefault("2m")
        Duration longestWait();

        /** How often turns are looked at for facts. */
        @WithDefault("3s")
        Duration interval();

        /** The most facts kept per user and persona (and in the shared tier); the least sure go first. */
        @WithDefault("30")
        int perHolder();
    }

    interface Retention {
        /** Turns older than this many days are erased, with their embeddings; unset (the default): kept. */
        Optional<Integer> days();

        /** How often old turns are looked for. */
        @WithDefault("1h")
        Duration interval();
    }

    interface Erasure {
        /**
         * How long an erasure keeps dropping what was sent before it and arrives after it (turns still in Kafka,
         * replies to erased turns, dead letters replayed): longer than the topics keep a record (Kafka's default,
         * seven days, which acore's topics keep), so that nothing the topics still hold can bring an erased turn back.
         */
        @WithDefault("8d")
        Duration tombstoneLifetime();
    }

    interface Documents {
        /** The operator's documents ({@code .md}, {@code .txt}, subfolders included); unset: none. */
        Optional<Path> dir();

        /** How often the folder is looked at for new, changed or removed files. */
        @WithDefault("1m")
        Duration interval();

        /** The most characters in one chunk (split at paragraphs, then sentences). */
        @WithDefault("600")
        int chunkCharacters();

        /** How many document chunks the context call considers (fused with the turns, within the recall limit). */
        @WithDefault("4")
        int candidates();
    }
}
