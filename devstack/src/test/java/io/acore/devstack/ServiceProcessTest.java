package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {
    @Test
    void aFolderGivenByARelativePathIsTheOneMeantFromWhereTheStackWasStarted() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ACORE_PERSONA_CARDS_DIR", "my-cards",
                "ACORE_MEMORY_DOCUMENTS_DIR", "/srv/lore",
                "ACORE_MEMORY_RECALL_INDEX_DIR", "../indexes",
                "ACORE_LLM_MODEL", "my-model",
                "HOME_DIR", "relative"));

        ServiceProcess.foldersFrom(Path.of("/home/ada/acore"), environment);

        assertThat(environment).containsEntry("ACORE_PERSONA_CARDS_DIR", "/home/ada/acore/my-cards")
                .containsEntry("ACORE_MEMORY_DOCUMENTS_DIR", "/srv/lore")
                .containsEntry("ACORE_MEMORY_RECALL_INDEX_DIR", "/home/ada/indexes")
                .containsEntry("ACORE_LLM_MODEL", "my-model")
                .containsEntry("HOME_DIR", "relative");
    }
}
