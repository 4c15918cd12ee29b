package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceSummaryTest {
    /** A dataset file named by file name and by path with the same hash is listed once, by its path. */
    @Test
    void datasetFilesAreListedOnceByPath() throws Exception {
        ProvenanceSummary p = new ProvenanceSummary();
        p.add(new ObjectMapper().readTree("""
                {"dataset_sha256": {"train-images.gz": "aa", "other.gz": "cc"},
                 "dataset_files": [{"split": "train", "path": "/data/f/train-images.gz", "sha256": "aa"}]}
                """));
        assertEquals(Map.of("/data/f/train-images.gz", "aa", "other.gz", "cc"), p.checksums);
    }
}
