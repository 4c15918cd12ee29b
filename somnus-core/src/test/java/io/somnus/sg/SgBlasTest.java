package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many threads the BLAS takes, read from the environment as OpenBLAS reads it. */
class SgBlasTest {

    private static int threads(Map<String, String> env, int processors) {
        return SgBlas.threads(env::get, processors);
    }

    @Test
    void theThreadsAreOpenBlasOwnReading() {
        assertEquals(8, threads(Map.of(), 8), "unset: every processor");
        assertEquals(1, threads(Map.of("OPENBLAS_NUM_THREADS", "1"), 8));
        assertEquals(3, threads(Map.of("OPENBLAS_NUM_THREADS", " 3 "), 8));
        assertEquals(2, threads(Map.of("OPENBLAS_NUM_THREADS", "2x"), 8), "leading digits, as atoi");
        assertEquals(8, threads(Map.of("OPENBLAS_NUM_THREADS", "64"), 8), "at most the processors");
        assertEquals(4, threads(Map.of("OPENBLAS_NUM_THREADS", "0", "GOTO_NUM_THREADS", "4", "OMP_NUM_THREADS", "2"), 8),
                "not positive: the next variable");
        assertEquals(2, threads(Map.of("OPENBLAS_NUM_THREADS", "many", "OMP_NUM_THREADS", "2"), 8));
        assertEquals(5, threads(Map.of("OPENBLAS_NUM_THREADS", "5", "OMP_NUM_THREADS", "2"), 8), "OpenBLAS's own first");
        assertEquals(8, threads(Map.of("OMP_NUM_THREADS", "-3"), 8));
    }

    @Test
    void theJvmsBlasThreadsFollowItsEnvironment() {
        // the builds run the tests with OPENBLAS_NUM_THREADS=1 (the parent pom), as the launcher runs Somnus: one
        // thread for OpenBLAS, and netlib's Java BLAS (the java-blas arithmetic path) is one thread anyway
        assertEquals("1", System.getenv("OPENBLAS_NUM_THREADS"), "the test JVMs get the launcher's BLAS threads");
        assertEquals(1, SgThreading.blasThreads());
    }
}
