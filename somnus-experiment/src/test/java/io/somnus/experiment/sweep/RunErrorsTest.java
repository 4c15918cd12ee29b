package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.data.DatasetException;
import io.somnus.experiment.run.RemoteRunException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A failed run's error on one line: its whole message, none of its stack trace. */
class RunErrorsTest {
    /**
     * A dataset not found offline: the sweep's console and summary showed "… into /d:" alone, the files, where it
     * looked and why the download failed cut off.
     */
    @Test
    void aMessageOfSeveralLinesKeepsItsListsAndLosesItsTrace() {
        String message = "dataset 'kmnist' (train split) not found. Put these files into /d:\n"
                + "  train-images-idx3-ubyte.gz\n  train-labels-idx1-ubyte.gz\n"
                + "Folders searched: /d, /e.\nDownload failed:\n  http://h/t.gz: cannot connect (offline?)\n";
        String error = RunErrors.describe(new DatasetException(message, new IOException("offline")));
        assertEquals("DatasetException: dataset 'kmnist' (train split) not found. Put these files into /d: "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz; Folders searched: /d, /e. Download failed: "
                + "http://h/t.gz: cannot connect (offline?)", RunErrors.oneLine(error));
    }

    @Test
    void aMessageOfOneLineIsThatLine() {
        assertEquals("IllegalStateException: unlucky seed",
                RunErrors.oneLine(RunErrors.describe(new IllegalStateException("unlucky seed"))));
        assertEquals("NullPointerException", RunErrors.oneLine(RunErrors.describe(new NullPointerException())));
        assertEquals("did not finish", RunErrors.oneLine("did not finish"));   // a ledger row not written by describe
    }

    /** A run that failed on a distributed engine: the ledger keeps the engine's report as it was, not the wrapper. */
    @Test
    void aRunThatFailedRemotelyIsDescribedByTheEnginesReport() {
        Exception report = new Exception("Job aborted due to stage failure: Task 0 in stage 0.0 failed 2 times");
        String error = RunErrors.describe(new RemoteRunException("paper__geomfig__f0.00__s1",
                "spark", report));
        assertEquals(RunErrors.describe(report), error);
        assertEquals("Exception: Job aborted due to stage failure: Task 0 in stage 0.0 failed 2 times",
                RunErrors.oneLine(error));
    }
}
