package io.labelloop.shared;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code LABELLOOP_ROLE} into defaults of the switches each background job already has, at the lowest
 * precedence, so that a switch set explicitly (environment, command line, application.yml) still wins: an
 * {@code api} instance runs no scheduled cycles ({@code labelloop.training.schedule-enabled}), no embedding
 * worker and no webhook delivery. Cheap, database-side housekeeping (vacuum of the hot tables, marking runs and
 * export jobs of stopped instances) stays on every instance, so that it never depends on a worker being up.
 * A {@code worker} keeps every job on; {@code shared.web.WorkerOnlyFilter} keeps users away from it.
 */
public class InstanceRoleDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "labelloopRoleDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        InstanceRole role = InstanceRole.of(environment.getProperty(InstanceRole.PROPERTY));
        if (!role.runsBackgroundJobs()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                    "labelloop.training.schedule-enabled", "false",
                    "labelloop.embedding.schedule-enabled", "false",
                    "labelloop.webhooks.schedule-enabled", "false")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and the other sources are in place
    }
}
