package io.acore.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * acore's broker layout, read from the files docker-compose applies with docker/kafka/setup.sh: its topics with their
 * partitions ({@code topics.txt}) and one user per service with exactly the ACLs {@code acls.txt} grants it.
 */
public final class KafkaSetup {
    /**
     * What kafka-configs uses in docker/kafka/setup.sh, and the least the broker accepts. Every client connection
     * repeats this many HMACs to sign in (a Kafka client opens two or three), so it weighs on every start; the
     * passwords are random 192-bit secrets, which no count of iterations would make easier to guess.
     */
    private static final int SCRAM_ITERATIONS = 4096;

    private final Map<String, Integer> topics;
    private final List<AclBinding> grants;

    private KafkaSetup(Map<String, Integer> topics, List<AclBinding> grants) {
        this.topics = topics;
        this.grants = grants;
    }

    /** The layout packaged with the devstack (copied from docker/kafka). */
    public static KafkaSetup packaged() {
        return new KafkaSetup(topics(lines("kafka/topics.txt")), grants(lines("kafka/acls.txt")));
    }

    /** acore's topics and how many partitions each has, in the order listed. */
    public Map<String, Integer> topics() {
        return topics;
    }

    /** Every ACL, one per resource named on a line. */
    public List<AclBinding> grants() {
        return grants;
    }

    /** The users the ACLs name, in the order listed. */
    public Set<String> users() {
        Set<String> users = new LinkedHashSet<>();
        grants.forEach(grant -> users.add(grant.entry().principal().substring("User:".length())));
        return users;
    }

    /**
     * Creates (or updates) each user with its password, then the ACLs and the topics not there yet.
     *
     * @param passwords user name to password, for every user of {@link #users()}
     */
    public void apply(Admin admin, Map<String, String> passwords) throws InterruptedException, ExecutionException {
        List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
        for (String user : users()) {
            String password = passwords.get(user);
            if (password == null) {
                throw new IllegalArgumentException("no password for the Kafka user " + user);
            }
            credentials.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
        }
        admin.alterUserScramCredentials(List.copyOf(credentials)).all().get();
        admin.createAcls(grants).all().get();
        List<NewTopic> missing = topics.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1)).toList();
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    static Map<String, Integer> topics(List<String> lines) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String[] fields : fields(lines)) {
            topics.put(fields[0], Integer.parseInt(fields[1]));
        }
        return Collections.unmodifiableMap(topics);
    }

    /** Lines of "principal operation resource pattern name…", as kafka-acls.sh is given them by setup.sh. */
    static List<AclBinding> grants(List<String> lines) {
        List<AclBinding> grants = new ArrayList<>();
        for (String[] fields : fields(lines)) {
            if (fields.length < 5) {
                throw new IllegalArgumentException("an ACL line needs principal, operation, resource, pattern and names: "
                        + String.join(" ", fields));
            }
            AccessControlEntry entry = new AccessControlEntry("User:" + fields[0], "*",
                    AclOperation.fromString(fields[1]), AclPermissionType.ALLOW);
            ResourceType resource = ResourceType.fromString(fields[2]);
            PatternType pattern = PatternType.fromString(fields[3].toUpperCase(Locale.ROOT));
            if (entry.operation() == AclOperation.UNKNOWN || resource == ResourceType.UNKNOWN
                    || pattern == PatternType.UNKNOWN) {
                throw new IllegalArgumentException("an ACL line Kafka does not understand: " + String.join(" ", fields));
            }
            for (String name : Arrays.copyOfRange(fields, 4, fields.length)) {
                grants.add(new AclBinding(new ResourcePattern(resource, name, pattern), entry));
            }
        }
        return List.copyOf(grants);
    }

    private static List<String[]> fields(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).toList();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = KafkaSetup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the devstack's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The user a service signs in to the broker as, e.g. acore-memory. */
    public static String userOf(String service) {
        return "acore-" + service.toLowerCase(Locale.ROOT);
    }
}
