package io.acore.testkit;

import java.util.List;
import java.util.regex.Pattern;

/** Checks on a Prometheus scrape, as {@code promtool check metrics} reads it. */
public final class PrometheusText {
    /** In a {@code # HELP} line the text format knows two escapes, {@code \\} and {@code \n}; any other fails the scrape. */
    private static final Pattern INVALID_HELP_ESCAPE = Pattern.compile("^# HELP .*?(?<!\\\\)(\\\\\\\\)*\\\\[^\\\\n]");

    private PrometheusText() {
    }

    /** The scrape's {@code # HELP} lines that hold an escape the text format does not allow. */
    public static List<String> invalidHelpLines(String scrape) {
        return scrape.lines().filter(line -> INVALID_HELP_ESCAPE.matcher(line).find()).toList();
    }
}
