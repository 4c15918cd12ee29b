package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/heap-huge-pages}, which the launcher asks whether to put the heap on transparent huge pages
 * (docs/performance-rounds.md, thirty-second round): yes only where the kernel gives them on request and no memory
 * balloon reports free pages to its host (virtio feature bit 5); never a failure.
 */
class HeapHugePagesScriptTest {
    private static final Path SCRIPT = ScriptRun.script("heap-huge-pages");
    private static final String OPTION = "-XX:+UseTransparentHugePages";
    /** A balloon's features as the kernel prints them, 64 bits from bit 0: stats, deflate-on-OOM, reporting, version 1. */
    private static final String REPORTING = "0110010100000000000000000000000010000000000000000000000000000000";

    @TempDir
    Path sys;

    /** The script's output on the fake sysfs, which must exit 0. */
    private String run() throws IOException, InterruptedException {
        ScriptRun r = ScriptRun.run(SCRIPT, sys.toString());
        assertEquals(0, r.exit(), "exit status, output: " + r.output());
        return r.output().strip();
    }

    private void thp(String enabled) throws IOException {
        Path f = sys.resolve("kernel/mm/transparent_hugepage/enabled");
        Files.createDirectories(f.getParent());
        Files.writeString(f, enabled + "\n");
    }

    private void balloon(String device, String features) throws IOException {
        Path f = sys.resolve("bus/virtio/drivers/virtio_balloon").resolve(device).resolve("features");
        Files.createDirectories(f.getParent());
        Files.writeString(f, features + "\n");
    }

    @Test
    void asksForHugePagesOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
        assertEquals("", run(), "no transparent_hugepage directory");
        thp("always madvise [never]");
        assertEquals("", run());
        thp("[always] madvise never");
        assertEquals("", run(), "the kernel gives them unasked");
        thp("always [madvise] never");
        assertEquals(OPTION, run());
    }

    @Test
    void notWhereABalloonReportsFreePages() throws Exception {
        thp("always [madvise] never");
        balloon("virtio0", REPORTING.substring(0, 5) + "0" + REPORTING.substring(6));
        assertEquals(OPTION, run(), "a balloon without free page reporting");
        balloon("virtio1", REPORTING);
        assertEquals("", run(), "a second balloon that reports");
        balloon("virtio1", "01100");
        assertEquals(OPTION, run(), "features too short to name bit 5");
    }
}
