package io.labelloop.support;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process that holds the lock of a spool directory, as a live instance does: prints
 * {@code locked} once it holds it and keeps it until its standard input closes.
 */
public final class SpoolLockHolder {

    private SpoolLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (var channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                var lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
