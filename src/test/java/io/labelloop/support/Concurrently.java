package io.labelloop.support;

import io.labelloop.LabelloopApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the concurrency tests share: calls released at once, and a second instance on the same database. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs every call on its own thread, all released together; returns their results in order. */
    public static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        List<T> out = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(calls.size())) {
            var start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            for (var f : futures) {
                out.add(f.get());
            }
        }
        return out;
    }

    /** Another instance of the service on the test database, without its own training schedule. */
    public static ConfigurableApplicationContext secondInstance(String... settings) {
        TestDatabase.Target db = TestDatabase.get();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
                "--labelloop.training.schedule-enabled=false"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(LabelloopApplication.class).run(args.toArray(String[]::new));
    }

    public static Api apiOf(ConfigurableApplicationContext instance) {
        return new Api(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }
}
