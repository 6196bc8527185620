package io.acore.testkit.postgres;

import io.acore.devstack.Ports;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.InjectedFields;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A PostgreSQL for a {@code @QuarkusTest} that the test can stop and start again: it gets the {@link Database}
 * in a field marked {@link InjectTestResource}.
 */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {
    private Database database;

    @Override
    public Map<String, String> start() {
        try {
            database = new Database(Ports.free(), Files.createTempDirectory("acore-pg-outage-").resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database.start();
        return DatasourceSettings.of(database.server());
    }

    @Override
    public void inject(TestInjector injector) {
        InjectedFields.fill(injector, Database.class, database);
    }

    @Override
    public void stop() {
        database.stop();
    }
}
