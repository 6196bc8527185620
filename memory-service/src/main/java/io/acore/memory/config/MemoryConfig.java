package io.acore.memory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "acore.memory")
public interface MemoryConfig {
    History history();

    interface History {
        /** How many messages one history query may return at most. */
        @WithDefault("200")
        int maxLimit();
    }
}
