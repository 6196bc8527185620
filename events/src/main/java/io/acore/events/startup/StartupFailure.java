package io.acore.events.startup;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.smallrye.config.ConfigValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service that cannot start ends with one plain line per cause, naming the setting as an operator sets it (the
 * environment variable) and what it expects; any other failure is printed with its stack trace first, and its
 * root cause last. Then the process exits as Quarkus would.
 */
public final class StartupFailure {
    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*?)\" threw an Exception whilst being converted (.*)",
            Pattern.DOTALL);
    private static final Pattern MISSING = Pattern.compile("The config property (\\S+) is required");
    private static final Pattern CODE = Pattern.compile("SRCFG\\d+: ");
    private static final Pattern ALLOWED = Pattern.compile("allowed values: (.*)");
    private static final String START = "acore could not start: ";

    private StartupFailure() {
    }

    /** Quarkus's exit handler with the plain lines printed first when the application failed. */
    public static BiConsumer<Integer, Throwable> explainingExit() {
        BiConsumer<Integer, Throwable> quarkus = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        return (code, failure) -> {
            if (failure != null) {
                List<String> settings = wrongSettings(failure);
                if (settings.isEmpty()) {
                    failure.printStackTrace();
                    System.err.println(START + rootCause(failure));
                }
                settings.forEach(System.err::println);
            }
            quarkus.accept(code, failure);
        };
    }

    /** One plain line per setting the failure says is wrong or missing; empty when it is about no setting. */
    public static List<String> wrongSettings(Throwable failure) {
        List<String> lines = new ArrayList<>();
        for (Throwable cause = failure; cause != null && lines.isEmpty(); cause = cause.getCause()) {
            if (cause instanceof ConfigValidationException invalid) {
                for (int i = 0; i < invalid.getProblemCount(); i++) {
                    lines.add(setting(invalid.getProblem(i).getMessage()));
                }
            } else if (cause instanceof NoSuchElementException || cause instanceof IllegalArgumentException) {
                String message = String.valueOf(cause.getMessage());
                if (CONVERSION.matcher(message).find() || MISSING.matcher(message).find()) {
                    lines.add(setting(message));
                }
            }
        }
        return lines;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String setting(String problem) {
        Matcher conversion = CONVERSION.matcher(problem);
        if (conversion.find()) {
            String why = CODE.matcher(conversion.group(3)).replaceAll("").strip();
            Matcher allowed = ALLOWED.matcher(why);
            String expected = allowed.find() ? "expected one of " + allowed.group(1).strip() : why;
            return START + variable(conversion.group(1)) + " is \"" + conversion.group(2) + "\"; "
                    + expected;
        }
        Matcher missing = MISSING.matcher(problem);
        if (missing.find()) {
            return START + variable(missing.group(1)) + " must be set";
        }
        return START + CODE.matcher(problem).replaceAll("").strip();
    }

    /** acore.llm.api → ACORE_LLM_API (the property's name works too; docs/configuration.md lists both). */
    static String variable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
