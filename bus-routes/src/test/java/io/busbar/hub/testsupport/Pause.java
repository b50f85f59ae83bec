package io.busbar.hub.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Lets time pass on purpose (for example: load runs for a while before a crash), not to wait for a condition. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
