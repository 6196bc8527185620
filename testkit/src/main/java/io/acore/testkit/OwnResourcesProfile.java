package io.acore.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test profile whose tests get test resources of their own and none of the global ones: for tests that stop a
 * broker or a database, or that need the fake Discord, without disturbing the tests that share the global ones.
 */
public abstract class OwnResourcesProfile implements QuarkusTestProfile {
    private final List<TestResourceEntry> resources;

    @SafeVarargs
    protected OwnResourcesProfile(Class<? extends QuarkusTestResourceLifecycleManager>... resources) {
        this.resources = Stream.of(resources).map(TestResourceEntry::new).toList();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return resources;
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
