package io.labelloop.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the operating system priority of the calling platform thread. Java's own thread priorities are
 * ignored on Linux unless the JVM runs with {@code -XX:ThreadPriorityPolicy=1} as root, so on Linux the
 * thread's id is read from {@code /proc/thread-self} and handed to {@code renice} (setpriority on a thread id
 * sets that thread only; threads it starts inherit the value). An unprivileged thread cannot raise its priority
 * again, so only threads that do background work and end (a cycle's) call it. Elsewhere, or when the call is
 * refused, it only sets the Java priority.
 */
public final class ThreadNice {

    private ThreadNice() {
    }

    /** Sets the calling thread's nice value (0-19, higher is lower priority); false where that was not possible. */
    public static boolean lower(int nice) {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        Path self = Path.of("/proc/thread-self");
        if (Thread.currentThread().isVirtual() || !Files.exists(self)) {
            return false;
        }
        try {
            String link = Files.readSymbolicLink(self).toString(); // "<pid>/task/<tid>"
            String tid = link.substring(link.lastIndexOf('/') + 1);
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(Math.clamp(nice, 0, 19)), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
