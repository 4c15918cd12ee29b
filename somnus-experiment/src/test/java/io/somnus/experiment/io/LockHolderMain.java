package io.somnus.experiment.io;

import java.nio.file.Path;

/** Holds a {@link DirectoryLock} until killed; run in a child JVM by {@link DirectoryLockTest}. */
public final class LockHolderMain {
    public static void main(String[] args) throws Exception {
        DirectoryLock lock = DirectoryLock.tryAcquire(Path.of(args[0]), "test holder").orElseThrow();
        System.out.println("locked " + lock.file());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
