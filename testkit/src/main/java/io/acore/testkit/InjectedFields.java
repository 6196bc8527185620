package io.acore.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/** Fills the test's fields marked {@link InjectTestResource} whose type is {@code type} with {@code value}. */
public final class InjectedFields {
    private InjectedFields() {
    }

    public static <T> void fill(TestInjector injector, Class<T> type, T value) {
        injector.injectIntoFields(value, new TestInjector.AnnotatedAndMatchesType(InjectTestResource.class, type));
    }
}
