package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.somnus.experiment.io.RunDirectory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot is streamed to its file: the heap holds none of it whole, and it reads back with its digest. */
class ResumeSnapshotFileTest {
    @TempDir
    Path tmp;

    @Test
    void aLargeStateIsWrittenWithoutHoldingItAndReadsBack() throws Exception {
        Files.writeString(tmp.resolve(RunDirectory.CONFIG), "model: stdp\n");
        RunFiles files = new RunFiles(tmp, RunProgress.NONE);
        ResumeSnapshotFile snapshots = new ResumeSnapshotFile("STDP-SNN", false, "kept none");
        int chunk = 1 << 20;
        int chunks = 32; // 32 MiB of state, as a network's weights at N_e = 6 400 are hundreds
        byte[] block = new byte[chunk];
        for (int i = 0; i < chunk; i++) {
            block[i] = (byte) (i * 31 + 7);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long size = snapshots.write(files, out -> {
            out.writeInt(chunks);
            for (int c = 0; c < chunks; c++) {
                out.write(block);
            }
        });
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(Files.size(tmp.resolve(RunDirectory.RESUME_SNAPSHOT)), size);
        assertTrue(size > (long) chunks * chunk, "the whole state: " + size);
        // held in memory it allocated ≥ 3 copies (≥ 96 MiB); streamed, its buffers and the JDK's file streams
        assertTrue(allocated < 4L * chunk, "allocated " + allocated + " bytes writing " + size);
        int[] blocks = {0};
        snapshots.read(files, in -> {
            int n = in.readInt();
            byte[] got = new byte[chunk];
            for (int c = 0; c < n; c++) {
                in.readFully(got);
                assertArrayEquals(block, got, "block " + c);
                blocks[0]++;
            }
            return null;
        });
        assertEquals(chunks, blocks[0]);
    }
}
