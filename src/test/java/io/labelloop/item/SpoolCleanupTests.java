package io.labelloop.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.LabelloopApplication;
import io.labelloop.item.internal.SpoolDirectory;
import io.labelloop.support.ApiTest;
import io.labelloop.support.SpoolLockHolder;
import io.labelloop.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A crashed instance's spool files are removed when an instance starts on the same spool root,
 * while the files of an instance that is still running (another process holding its lock) stay.
 */
class SpoolCleanupTests extends ApiTest {

    @TempDir
    Path root;

    @Test
    void shouldRemoveADeadInstancesSpoolFilesAtStartupAndKeepALiveOnes() throws Exception {
        Path dead = Files.createDirectories(root.resolve("instance-dead"));
        Files.createFile(dead.resolve(".lock"));
        Files.write(dead.resolve("labelloop-body-1.spool"), new byte[64 * 1024]);
        Path loose = Files.write(root.resolve("labelloop-upload-7.copy"), new byte[1024]);
        Files.setLastModifiedTime(loose, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path live = Files.createDirectories(root.resolve("instance-live"));
        Files.write(live.resolve("labelloop-body-2.spool"), new byte[1024]);
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), SpoolLockHolder.class.getName(), live.resolve(".lock").toString())
                .redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
            assertThat(out.readLine()).isEqualTo("locked");

            Path own;
            try (ConfigurableApplicationContext fresh = freshInstance()) {
                own = fresh.getBean(SpoolDirectory.class).directory();
                assertThat(dead).as("the dead instance's directory").doesNotExist();
                assertThat(loose).as("a stray old file").doesNotExist();
                assertThat(live.resolve("labelloop-body-2.spool")).as("the live instance's file").exists();
                assertThat(own).startsWith(root).isDirectory();
            }
            assertThat(own).as("removed at shutdown").doesNotExist();
        } finally {
            holder.destroy();
        }
    }

    private ConfigurableApplicationContext freshInstance() {
        TestDatabase.Target db = TestDatabase.get();
        return new SpringApplicationBuilder(LabelloopApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(), "--labelloop.training.schedule-enabled=false",
                "--labelloop.upload.spool-dir=" + root);
    }
}
