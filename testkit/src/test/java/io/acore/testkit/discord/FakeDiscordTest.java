package io.acore.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real JDA client against the fake: it connects, sees the guild, receives and sends messages. */
@Timeout(20)
class FakeDiscordTest {

    @Test
    void jdaConnectsReceivesAndSends() throws Exception {
        try (FakeDiscord discord = FakeDiscord.start()) {
            List<MessageReceivedEvent> received = new CopyOnWriteArrayList<>();
            JDA jda = JDABuilder.createLight(FakeDiscord.TOKEN, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
                    .setRestConfig(new RestConfig().setBaseUrl(discord.restUrl()))
                    .setSessionController(new SessionControllerAdapter() {
                        @Override
                        public String getGateway() {
                            return discord.gatewayUrl();
                        }
                    })
                    .setCompression(Compression.NONE)
                    .addEventListeners(new ListenerAdapter() {
                        @Override
                        public void onMessageReceived(MessageReceivedEvent event) {
                            received.add(event);
                        }
                    })
                    .build();
            try {
                jda.awaitStatus(JDA.Status.CONNECTED);
                jda.awaitReady();
                TextChannel channel = jda.getTextChannelById(FakeDiscord.CHANNEL_ID);
                assertThat(channel).isNotNull();
                assertThat(jda.getThreadChannelById(FakeDiscord.THREAD_ID)).isNotNull()
                        .satisfies(thread -> assertThat(thread.getParentChannel().getId()).isEqualTo(FakeDiscord.CHANNEL_ID));

                discord.userWrites("555", "ada", "hello bot");
                await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
                assertThat(received.get(0).getMessage().getContentRaw()).isEqualTo("hello bot");
                assertThat(received.get(0).getAuthor().getName()).isEqualTo("ada");
                assertThat(received.get(0).getGuild().getId()).isEqualTo(FakeDiscord.GUILD_ID);

                channel.sendMessage("hi ada").complete();
                assertThat(discord.postedMessages()).extracting(FakeDiscord.PostedMessage::content).containsExactly("hi ada");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
                assertThat(received.get(1).getAuthor().getId()).as("Discord tells the bot of its own posts")
                        .isEqualTo(FakeDiscord.BOT_ID);

                discord.userWritesIn(FakeDiscord.THREAD_ID, "555", "ada", "in the thread");
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
                assertThat(received.get(2).getChannel().getId()).isEqualTo(FakeDiscord.THREAD_ID);
            } finally {
                jda.shutdownNow();
            }
        }
    }
}
