package io.acore.testkit;

import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a service reads, as the environment variables an operator sets (its config mappings' properties and
 * the variables its {@code application.properties} names), and which of them docs/configuration.md does not list.
 */
public final class ConfigurationDocs {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Path DOC = Path.of(System.getProperty("acore.root", "..")).resolve("docs/configuration.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    private ConfigurationDocs() {
    }

    /** The settings of the service under test (run from its module) that the page does not name in backquotes. */
    public static List<String> undocumented(Class<?>... mappings) throws IOException {
        String doc = Files.readString(DOC);
        return settings(mappings).stream().filter(name -> !doc.contains("`" + name + "`")).toList();
    }

    static Set<String> settings(Class<?>... mappings) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Class<?> mapping : mappings) {
            walk(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), names);
        }
        Matcher variables = VARIABLE.matcher(Files.readString(PROPERTIES));
        while (variables.find()) {
            names.add(variables.group(1));
        }
        return names;
    }

    private static void walk(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String property = prefix + "." + kebab(method.getName());
            Class<?> type = valueType(method.getGenericReturnType());
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                walk(type, property, names);
            } else {
                names.add(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase());
            }
        }
    }

    /** What a setting holds: the element of an Optional, a List or a Set; the value of a Map. */
    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == Optional.class || raw == List.class || raw == Set.class) {
                return valueType(arguments[0]);
            }
            if (raw == Map.class) {
                return valueType(arguments[1]);
            }
            return raw;
        }
        return type instanceof Class<?> plain && plain != OptionalInt.class ? plain : Object.class;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
