package io.acore.persona.prompt;

import io.acore.events.ChatMessage;
import io.acore.events.Stage;
import io.acore.persona.card.CharacterCard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SillyTavern's macros in a card's text, expanded for one message: {@code {{char}}} and {@code {{user}}};
 * {@code {{random:a,b}}} or {@code {{random::a::b}}} (one option, new each message), {@code {{pick:…}}} (one
 * option, the same for the whole conversation); {@code {{roll:2d6}}} (dice); {@code {{time}}}, {@code {{date}}},
 * {@code {{weekday}}} (when the message was written, UTC). The same message always expands the same way, so a
 * message answered again gets the same prompt. Macros it does not know stay as written.
 */
final class Macros {
    private static final Pattern MACRO = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final Pattern ROLL = Pattern.compile("(?i)roll[: ]\\s*(\\d{0,3})d?(\\d{1,6})\\s*([+-]\\s*\\d{1,6})?\\s*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
    private static final int MOST_DICE = 100;

    private final String character;
    private final String user;
    private final ZonedDateTime written;
    private final long messageSeed;
    private final long conversationSeed;

    Macros(CharacterCard card, ChatMessage message) {
        this.character = card.name();
        this.user = message.author().name();
        this.written = Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now).atZone(ZoneOffset.UTC);
        this.messageSeed = message.id().hashCode();
        this.conversationSeed = message.conversationId().toString().hashCode();
    }

    String expand(String text) {
        Random random = new Random(messageSeed);
        int[] position = {0};
        String once = MACRO.matcher(text).replaceAll(macro -> Matcher.quoteReplacement(
                value(macro.group(1), random, position[0]++).orElse(macro.group())));
        // what a random option or a pick brings ({{user}}, {{char}}) is expanded too, once
        return MACRO.matcher(once).replaceAll(macro -> Matcher.quoteReplacement(
                value(macro.group(1), random, position[0]++).orElse(macro.group())));
    }

    private Optional<String> value(String macro, Random random, int position) {
        String name = macro.strip().toLowerCase(Locale.ROOT);
        if (name.equals("char")) {
            return Optional.of(character);
        }
        if (name.equals("user")) {
            return Optional.of(user);
        }
        if (name.equals("time")) {
            return Optional.of(TIME.format(written));
        }
        if (name.equals("date")) {
            return Optional.of(DATE.format(written));
        }
        if (name.equals("weekday")) {
            return Optional.of(WEEKDAY.format(written));
        }
        if (name.startsWith("random")) {
            return options(macro, "random").map(options -> options.get(random.nextInt(options.size())));
        }
        if (name.startsWith("pick")) {
            Random stable = new Random(conversationSeed * 31 + position);
            return options(macro, "pick").map(options -> options.get(stable.nextInt(options.size())));
        }
        Matcher roll = ROLL.matcher(macro.strip());
        if (roll.matches()) {
            return Optional.of(Long.toString(roll(roll, random)));
        }
        return Optional.empty();
    }

    /** The options of {@code random::a::b} or {@code random:a,b} (a comma escaped as {@code \,} stays in its option). */
    private static Optional<List<String>> options(String macro, String name) {
        String rest = macro.strip().substring(name.length());
        List<String> options;
        if (rest.startsWith("::")) {
            options = Arrays.asList(rest.substring(2).split("::", -1));
        } else if (rest.startsWith(":")) {
            options = Arrays.stream(rest.substring(1).split("(?<!\\\\),", -1)).map(option -> option.replace("\\,", ","))
                    .map(String::strip).toList();
        } else {
            return Optional.empty();
        }
        return options.isEmpty() ? Optional.empty() : Optional.of(options);
    }

    private static long roll(Matcher roll, Random random) {
        int dice = roll.group(1).isEmpty() ? 1 : Math.min(MOST_DICE, Integer.parseInt(roll.group(1)));
        int sides = Math.max(1, Integer.parseInt(roll.group(2)));
        long total = roll.group(3) == null ? 0 : Long.parseLong(roll.group(3).replace(" ", ""));
        for (int i = 0; i < dice; i++) {
            total += 1 + random.nextInt(sides);
        }
        return total;
    }
}
