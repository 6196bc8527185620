package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import io.acore.events.PersonaRef;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.gateway.discord.shards.DiscordShards;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.discord.FakeDiscord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may take over a reply another gateway process claimed, on the shard this process runs (shard 0 of 1). */
@QuarkusTest
@TestProfile(DiscordDeliveryTest.WithDiscord.class)
class DeliveryClaimsTest {
    private static final ConversationId CONVERSATION = ConversationId.discord(FakeDiscord.GUILD_ID, FakeDiscord.CHANNEL_ID);

    @InjectTestResource
    FakeDiscord discord;

    @Inject
    DeliveryClaims claims;

    @Inject
    DiscordShards shards;

    @Inject
    DataSource database;

    @BeforeEach
    void holdingTheShard() {
        await().atMost(Duration.ofSeconds(20)).until(() -> shards.owns(CONVERSATION));
    }

    @Test
    void aClaimOfAProcessThatWentQuietIsTakenOverByTheShardsProcessWithoutWaitingForItsLease() throws Exception {
        Reply reply = reply();
        claimedByAnotherProcess(reply, "30 seconds");

        DeliveryClaims.Claim claim = claims.claim(reply);

        assertThat(claim.outcome()).isEqualTo(DeliveryClaims.Outcome.TAKEN);
        assertThat(claim.resumed()).isTrue();
    }

    @Test
    void aClaimStillBeingPostedIsLeftToItsHolder() throws Exception {
        Reply reply = reply();
        claimedByAnotherProcess(reply, "1 second");

        DeliveryClaims.Claim claim = claims.claim(reply);
        assertThat(claim.outcome()).isEqualTo(DeliveryClaims.Outcome.HELD_ELSEWHERE);
        assertThat(claims.aboutToPost(claim, 0)).as("this process may not post it").isFalse();
    }

    @Test
    void aClaimTakenAgainFencesItsEarlierHolderEvenInTheSameProcess() throws Exception {
        Reply reply = reply();
        DeliveryClaims.Claim first = claims.claim(reply);
        DeliveryClaims.Claim again = claims.claim(reply); // this instance's own claim passes at once, as after a restart

        assertThat(again.outcome()).isEqualTo(DeliveryClaims.Outcome.TAKEN);
        assertThat(again.epoch()).isGreaterThan(first.epoch());
        assertThat(claims.aboutToPost(first, 0)).as("the earlier attempt may post nothing more").isFalse();
        assertThat(claims.piecePosted(first, "1")).isFalse();
        assertThat(claims.aboutToPost(again, 0)).isTrue();
        assertThat(claims.piecePosted(again, "2")).isTrue();
        assertThat(claims.delivered(first)).isFalse();
        assertThat(claims.delivered(again)).isTrue();
    }

    private static Reply reply() {
        return Deliveries.reply(CONVERSATION, FakeDiscord.CHANNEL_ID,
                new PersonaRef("sable", "Sable", "https://example.org/sable.png"), ReplyKind.PERSONA, "Claimed.");
    }

    private void claimedByAnotherProcess(Reply reply, String quietFor) throws Exception {
        Deliveries.claimedByAnotherProcess(database, reply, quietFor, null, false, false);
    }
}
