package io.acore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a provisioned Grafana dashboard asks Prometheus for. */
public final class GrafanaDashboard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\([^)]*\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL's own words and functions that read like names. */
    private static final Set<String> PROMQL = Set.of("histogram_quantile", "by", "without", "sum", "max", "min",
            "avg", "rate", "irate", "increase", "count", "or", "and", "unless", "on", "ignoring", "group_left",
            "group_right", "label_replace", "up");

    private GrafanaDashboard() {
    }

    /**
     * The series every panel's expressions read, Prometheus's own {@code up} left out: names outside grouping
     * clauses, label matchers and ranges that are not PromQL's words.
     */
    public static Set<String> seriesQueried(String dashboardJson) {
        Set<String> names = new TreeSet<>();
        try {
            collect(JSON.readTree(dashboardJson), names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject() && node.path("expr").isTextual()) {
            String expr = RANGES.matcher(MATCHERS.matcher(GROUPING.matcher(node.path("expr").asText()).replaceAll(" "))
                    .replaceAll(" ")).replaceAll(" ");
            Matcher name = NAME.matcher(expr);
            while (name.find()) {
                if (!PROMQL.contains(name.group()) && !Character.isDigit(name.group().charAt(0))) {
                    names.add(name.group());
                }
            }
        }
        node.forEach(child -> collect(child, names));
    }
}
