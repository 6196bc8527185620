package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.api.ServiceToken;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.model.ModelScript;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /memory forget} as a Discord member runs it, over the fake Discord and the real JDA client with the whole
 * stack running: what the member said before it never reaches a prompt again — not as recent history, a recalled
 * turn, a fact or the conversation's summary — and what they say afterwards is answered. The stack keeps two turns
 * of history and folds a conversation's summary after four, so that the member's first message leaves recent
 * history and reaches the prompt through each of the other ways before it is erased.
 */
@Timeout(300)
class DiscordForgetIT {
    private static final String CHANNEL = FakeDiscord.CHANNEL_ID; // where /memory runs in the fake
    private static final String CONVERSATION = "discord:" + FakeDiscord.GUILD_ID + ":" + CHANNEL;
    private static final String SUMMARY = "Summary of this conversation so far";
    private static final String RECALLS = "Earlier messages that may matter now";
    private static final ModelScript model = new ModelScript();
    private static DiscordStack running;
    private static FakeDiscord discord;
    private static DevStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ACORE_PERSONA_HISTORY_TURNS", "2");
        env.put("ACORE_MEMORY_SUMMARIES_KEEP_RECENT", "2");
        env.put("ACORE_MEMORY_SUMMARIES_FOLD_AFTER", "2");
        env.put("ACORE_MEMORY_SUMMARIES_INTERVAL", "1s");
        env.put("ACORE_MEMORY_FACTS_SETTLE", "2s");
        env.put("ACORE_MEMORY_FACTS_LONGEST_WAIT", "10s");
        env.put("ACORE_MEMORY_FACTS_INTERVAL", "1s");
        running = DiscordStack.start("forget", 1, model, false, env);
        discord = running.discord();
        stack = running.stack();
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void afterMemoryForgetNothingTheMemberSaidReachesAPromptAndTheirNextMessageIsAnswered() throws Exception {
        String member = "881000000000000051";
        String pet = "Quibblesnout";
        List<String> said = List.of("Sable, I love my ferret " + pet + ".", "Sable, " + pet + " sleeps in a teapot.",
                "Sable, what is my ferret called?");
        discord.userWritesIn(CHANNEL, member, "tam", said.get(0));
        awaitAnswer(said.get(0));
        discord.userWritesIn(CHANNEL, member, "tam", said.get(1));
        awaitAnswer(said.get(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> factsOf(member), facts -> facts.contains("likes my ferret " + pet));
        await().atMost(Duration.ofSeconds(60)).until(DiscordForgetIT::summary, summary -> summary.contains(pet));

        discord.userWritesIn(CHANNEL, member, "tam", said.get(2));
        awaitAnswer(said.get(2));
        JsonNode before = awaitPrompt(said.get(2));
        assertThat(history(before)).as("recent history before the forget").contains(pet);
        assertThat(section(before, SUMMARY)).as("the summary before the forget").contains(pet);
        assertThat(section(before, "What tam has said about themselves")).as("facts before the forget").contains(pet);
        assertThat(section(before, RECALLS)).as("recalls before the forget").contains("I love my ferret " + pet);

        await().atMost(Duration.ofSeconds(30)).until(() -> memoryApi().get("/api/conversations/" + CONVERSATION
                + "/messages").then().statusCode(200).extract().jsonPath().getList("id").size() == 6);
        String token = discord.userRunsCommand(member, "tam", "memory", "forget");
        FakeDiscord.InteractionResponse done = await().atMost(Duration.ofSeconds(30)).until(() -> discord
                .interactionResponses().stream().filter(r -> r.token().equals(token) && r.type() == 0).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(done.content()).startsWith("Done: 3 of your messages");

        String again = "Sable, what was my ferret called again?";
        discord.userWritesIn(CHANNEL, member, "tam", again);
        assertThat(awaitAnswer(again).username()).as("the member's own later message is answered").isEqualTo("Sable");
        JsonNode after = awaitPrompt(again);
        String everythingButTheQuestion = after.toString().replace(ModelScript.lastUserTurn(after), "");
        assertThat(everythingButTheQuestion).as("the prompt after the forget").doesNotContain(pet)
                .doesNotContain("teapot").doesNotContain("ferret");
        for (String text : said) {
            assertThat(everythingButTheQuestion).doesNotContain(text);
        }
        assertThat(section(after, SUMMARY)).isEmpty();
        assertThat(section(after, RECALLS)).isEmpty();
        assertThat(history(after)).doesNotContain("tam: ");
        assertThat(factsOf(member)).isEmpty();
    }

    /** What the user and assistant turns before the message answered say, one after another. */
    private static String history(JsonNode request) {
        List<String> turns = new ArrayList<>();
        for (JsonNode turn : request.path("messages")) {
            if (List.of("user", "assistant").contains(turn.path("role").asText())) {
                turns.add(turn.path("content").asText());
            }
        }
        return String.join("\n", turns.subList(0, turns.size() - 1));
    }

    /** The lines of one section of the system prompt's memory block; empty when there is no such section. */
    private static String section(JsonNode request, String title) {
        String system = request.path("messages").path(0).path("content").asText();
        int start = system.indexOf("\n## " + title + "\n");
        if (start < 0) {
            return "";
        }
        String rest = system.substring(start + title.length() + 5);
        int end = rest.indexOf("\n## ");
        return end >= 0 ? rest.substring(0, end) : rest.substring(0, Math.max(0, rest.indexOf("</memory>")));
    }

    private static List<String> factsOf(String member) {
        return memoryApi().get("/api/users/discord:" + member + "/memory").then().statusCode(200).extract()
                .jsonPath().getList("facts.content", String.class);
    }

    /** The conversation's newest summary, as memory-service stored it; empty before the first. */
    private static String summary() throws SQLException {
        try (Connection connection = stack.openDatabase();
                PreparedStatement query = connection.prepareStatement("SELECT content FROM conversation_summary "
                        + "WHERE conversation_id = ? ORDER BY version DESC LIMIT 1")) {
            query.setString(1, CONVERSATION);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }

    /** The reply prompt whose last user turn is this message, as the model received it. */
    private static JsonNode awaitPrompt(String message) {
        List<JsonNode> prompts = await().atMost(Duration.ofSeconds(60)).until(() -> model.promptsFor(message),
                found -> !found.isEmpty());
        assertThat(prompts).as("prompts for %s", message).hasSize(1);
        return prompts.get(0);
    }

    /** memory-service's API, called as the other services call it: with the stack's service token. */
    private static RequestSpecification memoryApi() {
        return given().baseUri(stack.serviceUrl(StackConfig.MEMORY))
                .header(ServiceToken.HEADER, ServiceToken.bearer(stack.serviceToken()));
    }

    private static FakeDiscord.PostedMessage awaitAnswer(String text) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> discord.postedMessages().stream()
                .filter(posted -> StubLlmServer.answers(posted.currentContent(), text)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
