package io.labelloop.item.internal;

import io.labelloop.item.UploadSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place where this instance keeps upload spool files, so that what a crash leaves behind
 * can be found and removed. Each instance works in its own subdirectory of the configured root
 * and holds an exclusive lock on a file in it for as long as it runs; the operating system drops
 * a dead process's locks. At startup every subdirectory whose lock can be taken belongs to an
 * instance that is gone and is removed with its files, so several instances can share one root
 * (one host, or one volume) without ever removing a live instance's files, and no age threshold
 * has to guess whether an upload is still running.
 */
@Component
public class SpoolDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String LOCK_FILE = ".lock";
    /**
     * Directories of the instances in this JVM (tests run several). A JVM never probes its own
     * lock files: on Linux, closing any channel to a file drops every lock the process holds on it.
     */
    private static final Set<Path> IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;

    SpoolDirectory(UploadSettings settings) throws IOException {
        Path root = settings.spoolDir().toAbsolutePath().normalize();
        Files.createDirectories(root);
        removeAbandoned(root);
        this.dir = Files.createTempDirectory(root, "instance-");
        this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (lockChannel.tryLock() == null) {
            throw new IllegalStateException("could not lock the new spool directory " + dir);
        }
        IN_THIS_JVM.add(dir);
    }

    /** This instance's directory. */
    public Path directory() {
        return dir;
    }

    /** A new empty file in this instance's directory; the caller deletes it. */
    Path newFile(String prefix) throws IOException {
        return Files.createTempFile(dir, prefix, ".spool");
    }

    /** Removes this instance's directory (files of unfinished uploads included) at shutdown. */
    @Override
    public void close() throws IOException {
        IN_THIS_JVM.remove(dir);
        deleteTree(dir);
        lockChannel.close();
    }

    private static void removeAbandoned(Path root) throws IOException {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.toList();
        }
        for (Path entry : entries) {
            boolean abandoned = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                    ? !IN_THIS_JVM.contains(entry) && abandoned(entry, started)
                    : modifiedBefore(entry, started); // instances only write inside their directories
            if (abandoned) {
                log.info("Removing spool files left by an instance that is gone: {}", entry);
                deleteTree(entry);
            }
        }
    }

    private static boolean abandoned(Path instanceDir, Instant started) {
        Path lockFile = instanceDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) { // an instance that died before creating it, or one creating it right now
            return modifiedBefore(instanceDir, started);
        }
        try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = probe.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            log.warn("Could not check spool directory {}: {}", instanceDir, e.toString());
            return false;
        }
    }

    private static boolean modifiedBefore(Path path, Instant started) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(started);
        } catch (IOException e) {
            return false; // gone already
        }
    }

    /** Deletes a file or a directory with everything in it; what another instance removed first is no error. */
    private static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // removed concurrently
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove {}: {}", path, e.toString());
        }
    }
}
