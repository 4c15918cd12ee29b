package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock refuses a second holder while its process lives and is free once it is killed (kill -9 included). */
class DirectoryLockTest {
    @Test
    void aLockDiesWithItsProcess(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(".somnus.lock");
        try (ChildJvm child = ChildJvm.start(LockHolderMain.class, "locked", file.toString())) {
            assertTrue(DirectoryLock.isLocked(file));
            assertFalse(DirectoryLock.isAbandoned(file));
            assertTrue(DirectoryLock.tryAcquire(file, "second").isEmpty(), "a second process is refused");
            assertTrue(DirectoryLock.holder(file).contains("pid " + child.pid()), DirectoryLock.holder(file));
        } // closing kills the child: no shutdown hook, no cleanup
        assertTrue(Files.exists(file), "the file stays");
        assertTrue(DirectoryLock.isAbandoned(file), "the dead process's lock is free");
        try (DirectoryLock mine = DirectoryLock.tryAcquire(file, "after").orElseThrow()) {
            assertTrue(DirectoryLock.isLocked(file));
        }
        assertFalse(DirectoryLock.isLocked(file));
    }

    @Test
    void aFreshEmptyLockFileProvesNothing(@TempDir Path tmp) throws Exception {
        Path file = Files.createFile(tmp.resolve(".somnus.lock"));
        assertFalse(DirectoryLock.isAbandoned(file), "its process may be about to lock it");
        assertFalse(DirectoryLock.isAbandoned(tmp.resolve("missing")));
    }
}
