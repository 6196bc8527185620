package io.acore.bench;

import io.acore.devstack.DevStack;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * A large community's memory, generated: {@code guilds} Discord servers of five channels each, whose members
 * (every user belongs to one server) talk with a persona answering every other turn; a tenth of the turns are
 * direct messages between the persona and one user in ten. Turns are phrases from a pool of a few thousand, each
 * with its real embedding, moved a little for each turn. Each user has five facts, each conversation a summary.
 */
final class Corpus {
    private static final int CHANNELS = 5;
    private static final int PHRASES = 3_000;
    private static final int FACTS_PER_USER = 5;
    private static final String[] PEOPLE = {"my sister", "my neighbour", "the new manager", "my cousin", "our coach",
        "my flatmate", "the vet", "my grandfather", "the landlord", "my best friend", "the baker", "my teacher"};
    private static final String[] DOINGS = {"fixed", "broke", "painted", "sold", "bought", "lost", "found",
        "borrowed", "cleaned", "planted", "cooked", "repaired", "photographed", "packed", "returned"};
    private static final String[] THINGS = {"the telescope", "a sourdough loaf", "the garden shed", "an old guitar",
        "the kayak", "a vintage camera", "the bicycle", "a chess set", "the fish tank", "a wool scarf",
        "the espresso machine", "a paper lantern", "the sailing boat", "a violin", "the greenhouse", "a tent",
        "the vinyl records", "a birthday cake", "the motorbike", "a bonsai tree", "the climbing rope", "a quilt",
        "the laptop", "a kite", "the piano", "a canoe paddle", "the sewing machine", "a tea set", "the drone",
        "a board game", "the aquarium pump", "a skateboard", "the lawn mower", "a typewriter", "the hammock",
        "a snow globe", "the record player", "a fishing rod", "the treehouse", "a lighthouse model"};
    private static final String[] WHENS = {"last night", "on Sunday", "before the storm", "after the match",
        "during the holidays", "this morning", "at the market", "on the way to work", "before breakfast",
        "after the concert", "at the lake", "in the rain", "before the wedding", "at midnight", "on my birthday"};

    private final int users;
    private final int messages;
    private final int guilds;
    private final List<String> phrases;
    private final List<String> questions;

    Corpus(int users, int messages, int guilds) {
        this.users = users;
        this.messages = messages;
        this.guilds = guilds;
        Random random = new Random(42);
        Set<String> pool = new LinkedHashSet<>();
        while (pool.size() < PHRASES) {
            pool.add(pick(random, PEOPLE) + " " + pick(random, DOINGS) + " " + pick(random, THINGS) + " "
                    + pick(random, WHENS));
        }
        this.phrases = List.copyOf(pool);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            asked.add("Do you remember what happened with " + pick(random, THINGS) + " " + pick(random, WHENS) + "?");
        }
        this.questions = List.copyOf(asked);
    }

    List<String> phrases() {
        return phrases;
    }

    int messages() {
        return messages;
    }

    int facts() {
        return users * FACTS_PER_USER;
    }

    int conversations() {
        return guilds * CHANNELS + directMessagers();
    }

    private int directMessagers() {
        return users / 10;
    }

    /** Who asks what, where: a user in one of their server's channels, or in their direct messages. */
    record Asking(String conversation, String user, String question) {
    }

    Asking randomAsking(Random random) {
        int user = random.nextInt(users);
        String question = questions.get(random.nextInt(questions.size()));
        if (user < directMessagers() && random.nextInt(10) == 0) {
            return new Asking(direct(user), userId(user), question);
        }
        return new Asking(channel(user % guilds, random.nextInt(CHANNELS)), userId(user), question);
    }

    /**
     * A long message ending in a question, as members write in role-play: stored phrases as sentences up to about
     * {@code characters}, then a question.
     */
    Asking randomLongAsking(Random random, int characters) {
        Asking asking = randomAsking(random);
        StringBuilder told = new StringBuilder();
        while (told.length() + asking.question().length() < characters) {
            told.append(phrases.get(random.nextInt(phrases.size()))).append(". ");
        }
        return new Asking(asking.conversation(), asking.user(), told + asking.question());
    }

    /** One asking in every scope: each server, each direct message. */
    List<Asking> oneAskingPerScope() {
        List<Asking> askings = new ArrayList<>();
        for (int guild = 0; guild < guilds; guild++) {
            askings.add(new Asking(channel(guild, 0), userId(guild), questions.get(guild % questions.size())));
        }
        for (int user = 0; user < directMessagers(); user++) {
            askings.add(new Asking(direct(user), userId(user), questions.get(user % questions.size())));
        }
        return askings;
    }

    private static String channel(int guild, int channel) {
        return "discord:" + (900_000 + guild) + ":" + (800_000 + guild * CHANNELS + channel);
    }

    private static String direct(int user) {
        return "discord:dm:" + (700_000 + user);
    }

    private static String userId(int user) {
        return "discord:" + (100_000 + user);
    }

    private static String scopeOf(String conversation) {
        return conversation.startsWith("discord:dm:") ? conversation
                : conversation.substring(0, conversation.lastIndexOf(':'));
    }

    /** Writes the whole corpus into memory-service's schema with COPY, then lets PostgreSQL analyse it. */
    void load(DevStack stack, float[][] vectors) throws Exception {
        try (Connection connection = stack.openDatabase(); Connection second = stack.openDatabase()) {
            CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class));
            CopyIn turns = copy.copyIn("COPY conversation_message (id, conversation_id, scope, role, author_id,"
                    + " author_name, content, trace_id, occurred_at, embedded, facts_checked) FROM STDIN");
            CopyIn embeddings = new CopyManager(second.unwrap(BaseConnection.class)).copyIn("COPY memory_embedding"
                    + " (owner_kind, owner_id, scope, user_id, vector) FROM STDIN");
            Random random = new Random(1);
            List<String> conversations = conversationIds();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (String conversation : conversations) {
                boolean isDirect = conversation.startsWith("discord:dm:");
                int count = isDirect ? directTurns() : channelTurns();
                int guild = isDirect ? -1 : (Integer.parseInt(conversation.split(":")[1]) - 900_000);
                String scope = scopeOf(conversation);
                StringBuilder rows = new StringBuilder(count * 160);
                StringBuilder embedded = new StringBuilder(count * 3_200);
                for (int turn = 0; turn < count; turn++) {
                    boolean persona = turn % 2 == 1;
                    int user = isDirect ? Integer.parseInt(conversation.substring(11)) - 700_000
                            : guild + guilds * random.nextInt(Math.max(1, users / guilds));
                    String author = persona ? "sable" : userId(user);
                    String id = new UUID(random.nextLong(), random.nextLong()).toString();
                    int phrase = random.nextInt(phrases.size());
                    Instant at = now.minus(180, ChronoUnit.DAYS).plusSeconds(turn * (180L * 86_400 / count));
                    rows.append(id).append('\t').append(conversation).append('\t').append(scope).append('\t')
                            .append(persona ? "persona" : "user").append('\t').append(author).append('\t')
                            .append(persona ? "Sable" : "user" + user).append('\t').append(phrases.get(phrase))
                            .append('\t').append(id).append('\t').append(at).append("\tt\tt\n");
                    float[] vector = nearby(vectors[phrase], random);
                    embedded.append("message\t").append(id).append('\t').append(scope).append('\t')
                            .append(persona ? "\\N" : author).append("\t\\\\x")
                            .append(HexFormat.of().formatHex(bytes(vector))).append('\n');
                }
                write(turns, rows);
                write(embeddings, embedded);
            }
            turns.endCopy();
            embeddings.endCopy();
            loadFactsAndSummaries(copy, conversations);
            execute(connection, "VACUUM ANALYZE");
        }
    }

    private int directTurns() {
        return directMessagers() == 0 ? 0 : messages / 10 / directMessagers();
    }

    private int channelTurns() {
        return (messages - directTurns() * directMessagers()) / (guilds * CHANNELS);
    }

    private List<String> conversationIds() {
        List<String> conversations = new ArrayList<>();
        for (int guild = 0; guild < guilds; guild++) {
            for (int c = 0; c < CHANNELS; c++) {
                conversations.add(channel(guild, c));
            }
        }
        for (int user = 0; user < directMessagers(); user++) {
            conversations.add(direct(user));
        }
        return conversations;
    }

    /**
     * The phrase's embedding moved a little at random (cosine about 0.95 to it): turns that say the same thing
     * in other words, and no two vectors alike, as in a real conversation (an HNSW graph over many identical
     * vectors is not what a real memory holds).
     */
    private static float[] nearby(float[] phrase, Random random) {
        float[] moved = new float[phrase.length];
        double norm = 0;
        for (int i = 0; i < phrase.length; i++) {
            moved[i] = phrase[i] + 0.0168f * (float) random.nextGaussian();
            norm += moved[i] * moved[i];
        }
        for (int i = 0; i < moved.length; i++) {
            moved[i] /= (float) Math.sqrt(norm);
        }
        return moved;
    }

    private void loadFactsAndSummaries(CopyManager copy, List<String> conversations) throws Exception {
        CopyIn facts = copy.copyIn("COPY memory_fact (scope, user_id, persona_id, topic, kind, content, source_ids,"
                + " confidence) FROM STDIN");
        StringBuilder rows = new StringBuilder();
        Random random = new Random(3);
        for (int user = 0; user < users; user++) {
            String scope = scopeOf(channel(user % guilds, 0));
            for (int f = 0; f < FACTS_PER_USER; f++) {
                rows.append(scope).append('\t').append(userId(user)).append("\t*\tlikes ").append(f).append("\tinterest\t")
                        .append("likes ").append(pick(random, THINGS)).append("\t{}\t0.8\n");
            }
        }
        write(facts, rows);
        facts.endCopy();
        CopyIn summaries = copy.copyIn("COPY conversation_summary (conversation_id, version, scope, content,"
                + " first_seq, last_seq, user_ids) FROM STDIN");
        for (String conversation : conversations) {
            rows.append(conversation).append("\t1\t").append(scopeOf(conversation)).append("\tEarlier: ")
                    .append(String.join("; ", phrases.subList(0, 12))).append("\t1\t1\t{}\n");
        }
        write(summaries, rows);
        summaries.endCopy();
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws Exception {
        byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(data, 0, data.length);
        rows.setLength(0);
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
