package io.labelloop.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.LabelloopApplication;
import io.labelloop.support.ApiTest;
import io.labelloop.support.TestDatabase;
import io.labelloop.training.internal.TrainingScheduler;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances of the service on one database still run one cycle per project at a time. */
class TwoInstancesTests extends ApiTest {

    @Autowired
    TrainingScheduler scheduler;

    @Test
    void shouldRunOneCyclePerProjectWhenTwoInstancesTickTogether() throws Exception {
        long p = irisProjectDueForACycle();
        TestDatabase.Target db = TestDatabase.get();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(LabelloopApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(), "--labelloop.training.schedule-enabled=false")) {
            TrainingScheduler other = second.getBean(TrainingScheduler.class);
            var start = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(4)) {
                List<Future<Integer>> ticks = List.of(
                        pool.submit(() -> { start.await(); return scheduler.runDue(); }),
                        pool.submit(() -> { start.await(); return other.runDue(); }),
                        pool.submit(() -> { start.await(); return scheduler.runDue(); }),
                        pool.submit(() -> { start.await(); return other.runDue(); }));
                start.countDown();
                for (var t : ticks) {
                    t.get();
                }
            }
        }

        var models = api().get("/api/v1/projects/" + p + "/models", ADMIN).json();
        assertThat(models.size()).as("one cycle trained, the others found it busy or done").isEqualTo(1);
    }
}
