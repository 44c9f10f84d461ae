package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.item.internal.SpoolDirectory;
import io.labelloop.support.ApiTest;
import io.labelloop.support.TricklingUpload;
import io.labelloop.support.TricklingUpload.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Uploads whose bodies arrive slowly hold no database resources: other requests are answered at
 * once, uploads beyond the cap are refused with 429 before their body is read, and a body below
 * the minimum rate is refused. An upload that fails or is abandoned leaves no spool file.
 */
class SlowUploadTests extends ApiTest {

    private static final int CONNECTIONS = 40; // more than the 20 pooled database connections

    @Autowired
    UploadSettings settings;

    @Autowired
    SpoolDirectory spool;

    @Test
    void shouldAnswerOtherRequestsAndRefuseUploadsBeyondTheCapWhileBodiesTrickle() throws Exception {
        long p = project(ADMIN, "TEXT");
        List<TricklingUpload> uploads = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Head>> answers = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                TricklingUpload upload = TricklingUpload.start(port, "/api/v1/projects/" + p + "/items", ADMIN,
                        3_000_000, "externalId,text\nt-" + i + ",a slow row\n");
                uploads.add(upload);
                answers.add(pool.submit((Callable<Head>) () -> upload.head(Duration.ofSeconds(5))));
            }

            List<Head> heads = new ArrayList<>();
            for (var answer : answers) { // by now every upload is being received (or, before, held a connection)
                heads.add(answer.get());
            }

            var project = api().send(api().request("/api/v1/projects/" + p, ADMIN).timeout(Duration.ofSeconds(2)).GET());
            assertThat(project.status()).as("a normal GET answers within 2 s").isEqualTo(200);
            List<Head> refused = heads.stream().filter(Objects::nonNull).toList();
            assertThat(refused).as("all but the cap's uploads refused at once").hasSize(CONNECTIONS - settings.maxConcurrent());
            for (Head head : refused) {
                assertThat(head.status()).isEqualTo(429);
                assertThat(head.headers().get("content-type")).startsWith("application/problem+json");
                assertThat(Long.parseLong(head.headers().get("retry-after"))).isPositive();
            }
        } finally {
            for (var u : uploads) {
                u.close();
            }
        }
        assertThat(uploadWhenASlotIsFree(p, "externalId,text\nafter,the trickle\n")).isEqualTo(200);
    }

    @Test
    void shouldRefuseABodyThatArrivesBelowTheMinimumRate() throws Exception {
        long p = project(ADMIN, "TEXT");
        try (var upload = TricklingUpload.start(port, "/api/v1/projects/" + p + "/items", ADMIN, 1_000_000, "externalId,text\n")) {
            Head head = upload.head(Duration.ofMillis(200));
            for (int i = 0; i < 40 && head == null; i++) {
                try {
                    upload.send("r-" + i + ",x\n");
                } catch (IOException closedAfterAnswering) {
                    // the answer is waiting to be read
                }
                head = upload.head(Duration.ofMillis(200));
            }
            assertThat(head).as("refused within the 2 s window and the next read").isNotNull();
            assertThat(head.status()).isEqualTo(408);
        }
        assertThat(api().get("/api/v1/projects/" + p + "/items", ADMIN).json().size()).as("nothing stored").isZero();
    }

    @Test
    void shouldLeaveNoSpoolFileWhenAnUploadIsAbandonedMidBodyOrRejected() throws Exception {
        long p = project(ADMIN, "TEXT");
        var upload = TricklingUpload.start(port, "/api/v1/projects/" + p + "/items", ADMIN, 3_000_000,
                "externalId,text\n" + "x,some text\n".repeat(10_000));
        awaitSpoolFiles(1);

        upload.close();

        awaitSpoolFiles(0);
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "application/json", "[{\"externalId\": ")
                .status()).isEqualTo(400);
        assertThat(spoolFiles()).isEmpty();
        assertThat(api().postRaw("/api/v1/projects/" + p + "/items", ADMIN, "text/csv", "externalId,text\na,b\na,again\n")
                .status()).isEqualTo(200);
        assertThat(spoolFiles()).isEmpty();
    }

    private int uploadWhenASlotIsFree(long project, String csv) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = api().postRaw("/api/v1/projects/" + project + "/items", ADMIN, "text/csv", csv).status();
            if (status == 429) {
                Thread.sleep(100); // the server notices the closed connections as it reads them
            }
        } while (status == 429 && System.nanoTime() < deadline);
        return status;
    }

    private void awaitSpoolFiles(int count) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (spoolFiles().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(spoolFiles()).hasSize(count);
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool.directory())) {
            return files.filter(f -> !f.getFileName().toString().equals(".lock")).toList();
        }
    }
}
