package io.acore.events.startup;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Every service's entry point: Quarkus's own, except that a failed start ends with {@link StartupFailure}'s lines. */
@QuarkusMain
public class AcoreMain implements QuarkusApplication {
    public static void main(String... args) {
        Quarkus.run(AcoreMain.class, StartupFailure.explainingExit(), args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
