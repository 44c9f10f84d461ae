package io.labelloop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries (one top-level package per capability) are checked on every build. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(LabelloopApplication.class);

    @Test
    void shouldRespectModuleBoundaries() {
        modules.verify();
    }

    @Test
    void shouldKeepTheLearningCoreFreeOfOtherModules() {
        var learning = modules.getModuleByName("learning").orElseThrow();
        assertThat(learning.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(learning.getDirectDependencies(modules).stream().toList()).isEmpty();
    }
}
