package io.acore.testkit.postgres;

import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.kafka.KafkaResource;

/** A broker and a database of the test's own, the database one a test may stop and start ({@link Database}). */
public class RestartableDatabaseProfile extends OwnResourcesProfile {
    public RestartableDatabaseProfile() {
        super(KafkaResource.class, RestartablePostgresResource.class);
    }
}
