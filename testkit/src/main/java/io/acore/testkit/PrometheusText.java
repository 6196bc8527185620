package io.acore.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks on a Prometheus scrape, as {@code promtool check metrics} reads it. */
public final class PrometheusText {
    /** In a {@code # HELP} line the text format knows two escapes, {@code \\} and {@code \n}; any other fails the scrape. */
    private static final Pattern INVALID_HELP_ESCAPE = Pattern.compile("^# HELP .*?(?<!\\\\)(\\\\\\\\)*\\\\[^\\\\n]");

    private static final int LINT_FINDINGS_ONLY = 3;

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

    /** The metric families of the scrape whose names start with {@code prefix} and that have no help text. */
    public static Set<String> familiesWithoutHelp(String scrape, String prefix) {
        Set<String> families = new TreeSet<>();
        Set<String> helped = new TreeSet<>();
        scrape.lines().forEach(line -> {
            String[] parts = line.split(" ", 4);
            if (parts.length >= 3 && parts[0].equals("#") && parts[2].startsWith(prefix)) {
                if (parts[1].equals("TYPE")) {
                    families.add(parts[2]);
                } else if (parts[1].equals("HELP") && parts.length == 4 && !parts[3].isBlank()) {
                    helped.add(parts[2]);
                }
            }
        });
        families.removeAll(helped);
        return families;
    }

    /**
     * The errors {@code promtool check metrics} (Prometheus's own checker) finds in the scrape: empty when it parses.
     * Its lint findings alone (exit code 3) do not count: Debian's promtool (2.42) predates the way Prometheus's Java
     * client names counter families and says of every counter that it has no help text (see
     * {@link #familiesWithoutHelp}). Without promtool on the path the check is skipped, except in CI ({@code CI} set),
     * which installs it.
     */
    public static String promtoolErrors(String scrape) throws IOException, InterruptedException {
        Path file = Files.createTempFile("scrape", ".txt");
        try {
            Files.writeString(file, scrape);
            Process promtool;
            try {
                promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException missing) {
                if (System.getenv("CI") != null) {
                    throw missing;
                }
                return "";
            }
            String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = promtool.waitFor();
            return exit == 0 || exit == LINT_FINDINGS_ONLY ? "" : said;
        } finally {
            Files.delete(file);
        }
    }
}
