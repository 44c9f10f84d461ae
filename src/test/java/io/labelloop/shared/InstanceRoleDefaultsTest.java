package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class InstanceRoleDefaultsTest {

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new InstanceRoleDefaults().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void shouldTurnOffTheBackgroundJobsOfAnApiInstanceUnlessASwitchIsSetExplicitly() {
        StandardEnvironment env = environment(Map.of("labelloop.role", "API", "labelloop.webhooks.schedule-enabled", "true"));
        assertThat(env.getProperty("labelloop.training.schedule-enabled")).isEqualTo("false");
        assertThat(env.getProperty("labelloop.embedding.schedule-enabled")).isEqualTo("false");
        assertThat(env.getProperty("labelloop.webhooks.schedule-enabled")).as("set explicitly").isEqualTo("true");
    }

    @Test
    void shouldLeaveTheJobsOfAWorkerAndOfTheDefaultRoleOn() {
        assertThat(environment(Map.of("labelloop.role", "worker")).getProperty("labelloop.training.schedule-enabled")).isNull();
        assertThat(environment(Map.of()).getProperty("labelloop.training.schedule-enabled")).isNull();
    }

    @Test
    void shouldRefuseToStartWithAnUnknownRoleNamingTheChoices() {
        assertThatThrownBy(() -> environment(Map.of("labelloop.role", "scheduler")))
                .hasMessageContaining("all, api, worker");
    }
}
