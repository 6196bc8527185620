package io.acore.testkit;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks on a Prometheus scrape, as {@code promtool check metrics} reads it. */
public final class PrometheusText {
    /** In a {@code # HELP} line the text format knows two escapes, {@code \\} and {@code \n}; any other fails the scrape. */
    private static final Pattern INVALID_HELP_ESCAPE = Pattern.compile("^# HELP .*?(?<!\\\\)(\\\\\\\\)*\\\\[^\\\\n]");

    private PrometheusText() {
    }

    /** The names of the series a scrape holds (its samples' names, {@code _bucket} and {@code _total} included). */
    public static Set<String> seriesNames(String scrape) {
        return scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The scrape's {@code # HELP} lines that hold an escape the text format does not allow. */
    public static List<String> invalidHelpLines(String scrape) {
        return scrape.lines().filter(line -> INVALID_HELP_ESCAPE.matcher(line).find()).toList();
    }
}
