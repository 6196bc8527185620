package io.acore.persona.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Persona settings for unit tests, with the production defaults unless a test says otherwise. */
public record TestPersonaConfig(Optional<String> cardsDir, String defaultPersona,
        Optional<List<String>> channelDefaults, Optional<List<String>> channelPersonas,
        Optional<List<String>> ignoredUsers, List<String> commandPrefixes,
        Duration stickyWindow, int maxConcurrentReplies, int historyTurns, Duration partialInterval,
        Duration modelOutageWait, Duration noticeCooldown) implements PersonaConfig {

    public static TestPersonaConfig defaults() {
        return new TestPersonaConfig(Optional.empty(), "sable", Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("!"),
                Duration.ofMinutes(5), 32, 20, Duration.ZERO, Duration.ofMinutes(2), Duration.ZERO);
    }

    public TestPersonaConfig withCardsDir(String dir, String defaultPersona) {
        return new TestPersonaConfig(Optional.of(dir), defaultPersona, channelDefaults, channelPersonas, ignoredUsers,
                commandPrefixes, stickyWindow, maxConcurrentReplies, historyTurns, partialInterval, modelOutageWait,
                noticeCooldown);
    }

    public TestPersonaConfig withChannels(List<String> defaults, List<String> personas, List<String> ignored) {
        return new TestPersonaConfig(cardsDir, defaultPersona, Optional.of(defaults), Optional.of(personas),
                Optional.of(ignored), commandPrefixes, stickyWindow, maxConcurrentReplies, historyTurns, partialInterval, modelOutageWait,
                noticeCooldown);
    }

    @Override
    public Duration decisionsKept() {
        return Duration.ofDays(8);
    }

    @Override
    public Duration handOverWait() {
        return Duration.ofSeconds(60);
    }

    @Override
    public List<String> attachmentHosts() {
        return List.of("cdn.discordapp.com");
    }

    @Override
    public Banter banter() {
        return new TestBanter(Optional.empty(), Duration.ofSeconds(5), 0.05, 0.20, 6, Duration.ofMinutes(10));
    }

    /** Banter settings for unit tests. */
    public record TestBanter(Optional<List<String>> channels, Duration pause, double chanceAtNoAffinity,
            double chanceAtFullAffinity, int longestChain, Duration window) implements Banter {
    }

    @Override
    public Optional<String> avatarBaseUrl() {
        return Optional.of("https://acore.example");
    }
}
