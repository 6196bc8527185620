package io.acore.gateway.discord;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names a webhook message may be shown under, by Discord's rules: 1 to 80 characters, never "clyde" or "discord"
 * in them, and not "everyone" or "here". A persona's name is mended rather than refused: a hair space goes after
 * the first letter of a forbidden word (as PluralKit does), a long name is cut.
 */
final class WebhookNames {
    static final int MAX_LENGTH = 80;
    private static final Pattern FORBIDDEN = Pattern.compile("(?i)(c)(lyde)|(d)(iscord)");
    private static final Pattern RESERVED = Pattern.compile("(?i)everyone|here");
    private static final String HAIR_SPACE = "\u200A";

    private WebhookNames() {
    }

    /** The name as Discord will take it, or empty when nothing is left to show. */
    static Optional<String> sanitised(String name) {
        String mended = name == null ? "" : name.replaceAll("\\s+", " ").strip();
        mended = FORBIDDEN.matcher(mended).replaceAll(match -> match.group(1) != null
                ? match.group(1) + HAIR_SPACE + match.group(2) : match.group(3) + HAIR_SPACE + match.group(4));
        if (RESERVED.matcher(mended).matches()) {
            mended = mended + HAIR_SPACE;
        }
        if (mended.length() > MAX_LENGTH) {
            mended = mended.substring(0, MAX_LENGTH - 1).strip() + "…";
        }
        return mended.isEmpty() ? Optional.empty() : Optional.of(mended);
    }
}
