package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CompilerCpuTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aRunningJvmHasSpentSomeOfItsCpuCompilingAndNoMore() {
        ProcessHandle self = ProcessHandle.current();

        Duration compiling = CompilerCpu.of(self.pid()).since(new CompilerCpu(Map.of()));

        assertThat(compiling).isPositive()
                .isLessThanOrEqualTo(self.info().totalCpuDuration().orElseThrow().plusMillis(10));
    }

    @Test
    void aThreadThatEndedTakesItsTimeWithItAndANewOneCountsInFull() {
        CompilerCpu earlier = new CompilerCpu(Map.of(1L, 50L, 2L, 70L));
        CompilerCpu later = new CompilerCpu(Map.of(1L, 60L, 3L, 5L));

        assertThat(later.since(earlier)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aProcessThatIsNotThereHasNoCompilerThreads() {
        assertThat(CompilerCpu.of(Long.MAX_VALUE).ticks()).isEmpty();
    }
}
